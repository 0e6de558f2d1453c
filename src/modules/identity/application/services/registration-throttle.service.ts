import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '@libs/kernel';
import { IdentityErrorCode } from '../../domain';
import { RateLimitStore } from '../../ports';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity-settings';
import { guardStore } from './store-errors';

/**
 * New accounts per client IP in a fixed window (issue 13: throwaway accounts let one person hold a whole train). The
 * count is taken BEFORE the account is created — one atomic INCR — so concurrent requests cannot slip past the
 * limit together; an attempt that then fails (email taken) still counts, which also slows account enumeration.
 * Callers without a client IP (the demo-account seed) are not network clients and are not counted.
 */
@Injectable()
export class RegistrationThrottle {
  constructor(
    private readonly store: RateLimitStore,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async admit(clientIp: string | undefined): Promise<void> {
    if (clientIp === undefined) return;
    const key = `identity:rl:register:ip:${createHash('sha256').update(clientIp, 'utf8').digest('hex')}`;
    const window = await guardStore('rate limiter', () => this.store.hit(key, this.settings.registrationWindowSeconds * 1000));
    if (window.count > this.settings.registrationsPerIp) {
      throw new DomainError(IdentityErrorCode.TooManyRegistrations, 'rate_limited', 'too many new accounts from your address; try again later', {
        details: { limit: this.settings.registrationsPerIp, window_seconds: this.settings.registrationWindowSeconds },
        retryAfterSeconds: Math.max(1, Math.ceil(window.resetInMs / 1000)),
      });
    }
  }
}
