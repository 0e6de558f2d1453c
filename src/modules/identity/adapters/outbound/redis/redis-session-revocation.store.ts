import type { Redis } from 'ioredis';
import { SessionRevocationStore } from '../../../ports';

const PREFIX = 'identity:revoked:';

/**
 * One key per revoked id (`SET … PX`, `GT` so a second revocation never shortens the first), read with one MGET:
 * every replica sees a revocation as soon as it is written.
 */
export class RedisSessionRevocationStore extends SessionRevocationStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async revoke(ids: readonly string[], ttlMs: number): Promise<void> {
    if (ids.length === 0) return;
    const multi = this.redis.multi();
    // SET NX PX creates; PEXPIRE GT extends an existing key only when the new lifetime is longer (Redis ≥ 7.0).
    for (const id of ids) multi.set(PREFIX + id, '1', 'PX', ttlMs, 'NX').pexpire(PREFIX + id, ttlMs, 'GT');
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async revokedAmong(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => PREFIX + id));
    return ids.filter((_, i) => values[i] !== null);
  }
}
