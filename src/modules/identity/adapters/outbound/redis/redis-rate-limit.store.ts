import type { Redis } from 'ioredis';
import { RateLimitStore, WindowCount } from '../../../ports';
import { LuaScript } from '@libs/platform';

// INCR, start the window on the first hit, report count and remaining time: one atomic step.
const HIT = new LuaScript(`
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}
`);

/** Fixed-window counters (INCR + PEXPIRE), shared by every replica. */
export class RedisRateLimitStore extends RateLimitStore {
  constructor(private readonly redis: Redis) {
    super();
  }

  async peek(key: string): Promise<WindowCount> {
    const results = await this.redis.multi().get(key).pttl(key).exec();
    const count = Number(results?.[0]?.[1] ?? 0) || 0;
    const ttl = Number(results?.[1]?.[1] ?? -2);
    return count > 0 && ttl > 0 ? { count, resetInMs: ttl } : { count: 0, resetInMs: 0 };
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await HIT.run(this.redis, [key], [windowMs])) as [number, number];
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, '1', 'PX', ttlMs);
  }
}
