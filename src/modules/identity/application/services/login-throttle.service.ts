import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '@libs/kernel';
import { IdentityErrorCode } from '../../domain';
import { RateLimitStore } from '../../ports';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity-settings';
import { guardStore } from './store-errors';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Brute-force protection: failed password checks are counted per account and per client IP in fixed windows; at the
 * limit, further attempts are refused with 429 + Retry-After before any password is checked. A success clears the
 * account's counter (not the IP's, so one valid account cannot launder an IP's failures).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly store: RateLimitStore,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async assertAllowed(account: string, clientIp: string): Promise<void> {
    const [perAccount, perIp] = await guardStore('rate limiter', () => Promise.all([this.store.peek(this.accountKey(account)), this.store.peek(this.ipKey(clientIp))]));
    const blocked = [
      perAccount.count >= this.settings.loginMaxFailuresPerAccount ? perAccount.resetInMs : 0,
      perIp.count >= this.settings.loginMaxFailuresPerIp ? perIp.resetInMs : 0,
    ];
    const waitMs = Math.max(...blocked);
    if (waitMs > 0) {
      throw new DomainError(IdentityErrorCode.TooManyAttempts, 'rate_limited', 'too many failed attempts; try again later', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    }
  }

  async recordFailure(account: string, clientIp: string): Promise<void> {
    const windowMs = this.settings.loginFailureWindowSeconds * 1000;
    await guardStore('rate limiter', () => Promise.all([this.store.hit(this.accountKey(account), windowMs), this.store.hit(this.ipKey(clientIp), windowMs)]));
  }

  async recordSuccess(account: string): Promise<void> {
    await this.store.reset(this.accountKey(account)).catch(() => undefined);
  }

  private accountKey(account: string): string {
    return `identity:rl:login:acct:${sha256(account)}`;
  }

  private ipKey(clientIp: string): string {
    return `identity:rl:login:ip:${sha256(clientIp)}`;
  }
}
