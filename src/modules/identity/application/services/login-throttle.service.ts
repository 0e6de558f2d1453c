import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '@libs/kernel';
import { IdentityErrorCode } from '../../domain';
import { RateLimitStore } from '../../ports';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity-settings';
import { guardStore } from './store-errors';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function tooManyAttempts(waitMs: number): DomainError {
  return new DomainError(IdentityErrorCode.TooManyAttempts, 'rate_limited', 'too many failed attempts; try again later', { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });
}

/** The first account-wide delay; each further failure doubles it, up to `loginAccountDelayMaxSeconds`. */
const BASE_DELAY_MS = 1000;

/**
 * Brute-force protection that nobody can turn against an account's owner (ADR 0012, OWASP Authentication Cheat
 * Sheet). Failed password checks are counted in fixed windows:
 *
 * - per (account, client IP): at the limit, that address may not try that account until the window ends (429);
 * - per client IP, across accounts: at the limit, that address may not try any account (429);
 * - per account, across all addresses: from `loginAccountDelayAfter` failures on, the account accepts one attempt
 *   per delay from unknown addresses, the delay doubling with each failure from 1 s up to `loginAccountDelayMaxSeconds`
 *   (429 + Retry-After). Addresses the account logged in from successfully (remembered `loginKnownAddressDays`) skip
 *   this delay, so a distributed attack is slowed to one guess per delay while the owner keeps logging in from a known
 *   address; an owner on a new address waits at most the delay, never the whole window.
 *
 * Refused attempts are answered before any password is checked and are not counted. A success clears its
 * (account, IP) counter and remembers the address, but neither the IP's nor the account's counter (one valid account
 * cannot launder an IP's failures, and the owner's login does not reset an attack on the account).
 * Keys hold SHA-256 digests of the account and IP only.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly store: RateLimitStore,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async assertAllowed(account: string, clientIp: string): Promise<void> {
    const keys = this.keys(account, clientIp);
    const [pair, ip, perAccount, known] = await guardStore('rate limiter', () =>
      Promise.all([this.store.peek(keys.pair), this.store.peek(keys.ip), this.store.peek(keys.account), this.store.peek(keys.known)]),
    );
    const waitMs = Math.max(
      pair.count >= this.settings.loginMaxFailuresPerAccountAndIp ? pair.resetInMs : 0,
      ip.count >= this.settings.loginMaxFailuresPerIp ? ip.resetInMs : 0,
    );
    if (waitMs > 0) throw tooManyAttempts(waitMs);
    const beyond = perAccount.count - this.settings.loginAccountDelayAfter;
    if (beyond < 0 || known.count > 0) return;
    // The account is under attack: one attempt per delay from all unknown addresses together. Taking the slot is one
    // atomic increment, so parallel requests from many addresses (or replicas) cannot share a slot.
    const delayMs = Math.min(BASE_DELAY_MS * 2 ** Math.min(beyond, 30), this.settings.loginAccountDelayMaxSeconds * 1000);
    const slot = await guardStore('rate limiter', () => this.store.hit(keys.slot, delayMs));
    if (slot.count > 1) throw tooManyAttempts(slot.resetInMs);
  }

  async recordFailure(account: string, clientIp: string): Promise<void> {
    const keys = this.keys(account, clientIp);
    const windowMs = this.settings.loginFailureWindowSeconds * 1000;
    await guardStore('rate limiter', () =>
      Promise.all([this.store.hit(keys.pair, windowMs), this.store.hit(keys.ip, windowMs), this.store.hit(keys.account, windowMs)]),
    );
  }

  async recordSuccess(account: string, clientIp: string): Promise<void> {
    const keys = this.keys(account, clientIp);
    const rememberMs = this.settings.loginKnownAddressDays * 86_400_000;
    await Promise.all([this.store.reset(keys.pair), rememberMs > 0 ? this.store.mark(keys.known, rememberMs) : undefined]).catch(() => undefined);
  }

  private keys(account: string, clientIp: string) {
    const a = sha256(account);
    const ip = sha256(clientIp);
    const pair = sha256(`${account}\u0000${clientIp}`);
    return {
      pair: `identity:rl:login:pair:${pair}`,
      ip: `identity:rl:login:ip:${ip}`,
      account: `identity:rl:login:acct:${a}`,
      slot: `identity:rl:login:slot:${a}`,
      known: `identity:rl:login:known:${pair}`,
    };
  }
}
