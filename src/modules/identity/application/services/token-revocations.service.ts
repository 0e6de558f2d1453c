import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { SessionRevocationStore } from '../../ports';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity-settings';
import { guardStore } from './store-errors';

/** Clock skew allowance: a revocation outlives the longest-lived token that may carry its id by this much. */
const SKEW_MS = 60_000;
/** Beyond this many cached ids the cache starts over (bounded memory under a flood of distinct tokens). */
const MAX_CACHED = 50_000;

const sessionKey = (sessionId: string): string => `sid:${sessionId}`;
const userKey = (userId: string): string => `user:${userId}`;

/**
 * Access-token revocation (ADR 0012). Logout, refresh-family revocation and account deletion write the session id or
 * the user id to the shared SessionRevocationStore; every token check asks whether the token's `sid` or `sub` is
 * revoked. Answers are cached per id for `revocationCacheMs` (and concurrent misses share one store read), so the hot
 * path stays in process: another replica sees a revocation within that time, this one at once.
 */
@Injectable()
export class TokenRevocations {
  private readonly cache = new Map<string, { revoked: boolean; until: number }>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    private readonly store: SessionRevocationStore,
    private readonly clock: Clock,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  revokeSessions(sessionIds: readonly string[]): Promise<void> {
    return this.revoke(sessionIds.map(sessionKey));
  }

  revokeUser(userId: string): Promise<void> {
    return this.revoke([userKey(userId)]);
  }

  /** Whether the token of this session and user may no longer be used. Store down → IDENTITY.STORE_UNAVAILABLE. */
  async isRevoked(sessionId: string, userId: string): Promise<boolean> {
    const [session, user] = await Promise.all([this.lookup(sessionKey(sessionId)), this.lookup(userKey(userId))]);
    return session || user;
  }

  private async revoke(keys: string[]): Promise<void> {
    const ttlMs = this.settings.accessTokenTtlSeconds * 1000 + SKEW_MS;
    await guardStore('session store', () => this.store.revoke(keys, ttlMs));
    // Revoked for good: remembered for the token lifetime, not just the cache time.
    const until = this.clock.now().getTime() + ttlMs;
    for (const key of keys) this.remember(key, true, until);
  }

  private lookup(key: string): Promise<boolean> | boolean {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.revoked;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const read = guardStore('session store', () => this.store.revokedAmong([key]))
      .then((revoked) => {
        // A revocation made here while the read was in flight wins over the older answer.
        const isRevoked = revoked.length > 0 || this.cache.get(key)?.revoked === true;
        const ttl = isRevoked ? this.settings.accessTokenTtlSeconds * 1000 + SKEW_MS : this.settings.revocationCacheMs;
        if (ttl > 0) this.remember(key, isRevoked, this.clock.now().getTime() + ttl);
        return isRevoked;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, read);
    return read;
  }

  private remember(key: string, revoked: boolean, until: number): void {
    if (this.cache.size >= MAX_CACHED && !this.cache.has(key)) this.cache.clear();
    this.cache.set(key, { revoked, until });
  }
}
