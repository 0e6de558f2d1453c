import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../../../ports';
import { LuaScript } from '@libs/platform';

interface Record_ {
  /** P = PROCESSING, C = COMPLETED */
  s: 'P' | 'C';
  f: string;
  o?: string;
  r?: StoredResponse;
}

// SET NX with the lease, or report what is there (value + remaining ms), atomically.
const CLAIM = new LuaScript(`
local created = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
if created then return {'acquired'} end
return {'existing', redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}
`);

// Only the owner of a PROCESSING record may complete or release it (a stale owner whose lease ran out may not).
const COMPLETE = new LuaScript(`
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local r = cjson.decode(v)
if r.s ~= 'P' or r.o ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`);

const RELEASE = new LuaScript(`
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local r = cjson.decode(v)
if r.s ~= 'P' or r.o ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`);

/** At-most-once records as JSON strings: PROCESSING with a PX lease, COMPLETED with the retention TTL. */
export class RedisIdempotencyStore extends IdempotencyStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async claim(key: string, fingerprint: string, leaseMs: number): Promise<IdempotencyClaim> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const owner = randomUUID();
      const record: Record_ = { s: 'P', f: fingerprint, o: owner };
      const result = (await CLAIM.run(this.redis, [key], [JSON.stringify(record), leaseMs])) as [string, string | null, number];
      if (result[0] === 'acquired') return { kind: 'acquired', owner };
      if (result[1] === null) continue; // expired or released between SET and GET: try again
      const existing = JSON.parse(result[1]) as Record_;
      if (existing.f !== fingerprint) return { kind: 'mismatch' };
      if (existing.s === 'C' && existing.r) return { kind: 'replay', response: existing.r };
      return { kind: 'in_progress', retryAfterMs: Math.max(1, Number(result[2])) };
    }
    return { kind: 'in_progress', retryAfterMs: 1000 };
  }

  async complete(key: string, owner: string, fingerprint: string, response: StoredResponse, retentionMs: number): Promise<boolean> {
    const record: Record_ = { s: 'C', f: fingerprint, r: response };
    return (await COMPLETE.run(this.redis, [key], [owner, JSON.stringify(record), retentionMs])) === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await RELEASE.run(this.redis, [key], [owner]);
  }
}
