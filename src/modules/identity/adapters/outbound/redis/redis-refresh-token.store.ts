import type { Redis } from 'ioredis';
import { RefreshTokenStore, RotationResult } from '../../../ports';
import { LuaScript } from '@libs/platform';

// A family is a hash {u: user id, c: current token hash, r: revoked 0/1} plus a set of rotated-away hashes; both keys
// share a hash tag so a cluster keeps them on one slot. Rotation and reuse detection are one atomic script.
const familyKey = (familyId: string): string => `identity:rt:{${familyId}}`;
const usedKey = (familyId: string): string => `identity:rt:{${familyId}}:used`;
const userKey = (userId: string): string => `identity:rt:user:${userId}`;

const ROTATE = new LuaScript(`
local f = redis.call('HMGET', KEYS[1], 'u', 'c', 'r')
if not f[1] or f[3] == '1' then return {'invalid'} end
if f[2] == ARGV[1] then
  redis.call('HSET', KEYS[1], 'c', ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  return {'rotated', f[1]}
end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], 'r', '1')
  return {'reused', f[1]}
end
return {'invalid'}
`);

const REVOKE = new LuaScript(`
local f = redis.call('HMGET', KEYS[1], 'u', 'c')
if not f[1] then return 0 end
if f[2] ~= ARGV[1] and redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'r', '1')
return 1
`);

// HSET on a missing key would create it without a TTL: revoke only families that still exist.
const REVOKE_IF_EXISTS = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'r', '1') end
return 1
`);

/** Refresh-token families in Redis (hashes only; the tokens themselves are never stored). */
export class RedisRefreshTokenStore extends RefreshTokenStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async createFamily(familyId: string, userId: string, tokenHash: string, ttlMs: number): Promise<void> {
    await this.redis
      .multi()
      .hset(familyKey(familyId), { u: userId, c: tokenHash, r: '0' })
      .pexpire(familyKey(familyId), ttlMs)
      .sadd(userKey(userId), familyId)
      .pexpire(userKey(userId), ttlMs)
      .exec();
  }

  async rotate(familyId: string, presentedHash: string, nextHash: string, ttlMs: number): Promise<RotationResult> {
    const [kind, userId] = (await ROTATE.run(this.redis, [familyKey(familyId), usedKey(familyId)], [presentedHash, nextHash, ttlMs])) as [string, string?];
    if (kind === 'rotated' && userId) {
      // The user's index must outlive each of their families, so revokeAllForUser can find them.
      await this.redis.pexpire(userKey(userId), ttlMs, 'GT');
      return { kind: 'rotated', userId };
    }
    if (kind === 'reused' && userId) return { kind: 'reused', userId };
    return { kind: 'invalid' };
  }

  async revoke(familyId: string, presentedHash: string): Promise<boolean> {
    return (await REVOKE.run(this.redis, [familyKey(familyId), usedKey(familyId)], [presentedHash])) === 1;
  }

  async revokeAllForUser(userId: string): Promise<void> {
    const families = await this.redis.smembers(userKey(userId));
    await Promise.all(families.map((f) => REVOKE_IF_EXISTS.run(this.redis, [familyKey(f)], [])));
    await this.redis.del(userKey(userId));
  }
}
