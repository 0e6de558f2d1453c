import { randomUUID } from 'node:crypto';
import { RedisClient } from '@libs/platform';
import { describeWithInfra } from '@libs/testing';
import { idempotencyStoreContract } from '../../../ports/idempotency-store.contract';
import { rateLimitStoreContract } from '../../../ports/rate-limit-store.contract';
import { refreshTokenStoreContract } from '../../../ports/refresh-token-store.contract';
import { sessionRevocationStoreContract } from '../../../ports/session-revocation-store.contract';
import { LuaScript } from '@libs/platform';
import { RedisIdempotencyStore } from './redis-idempotency.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import { RedisRefreshTokenStore } from './redis-refresh-token.store';
import { RedisSessionRevocationStore } from './redis-session-revocation.store';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeWithInfra(['redis'], 'identity Redis adapters', (env) => {
  // Real time: the contracts use short leases/windows (hundreds of ms) so expiry is observable quickly.
  const harness = <T>(make: (redis: RedisClient) => T) => async () => {
    const redis = new RedisClient({ url: env.REDIS_URL });
    return { store: make(redis), advance: sleep, close: () => redis.dispose() };
  };

  idempotencyStoreContract('redis', harness((redis) => new RedisIdempotencyStore(redis)));
  refreshTokenStoreContract('redis', harness((redis) => new RedisRefreshTokenStore(redis)));
  rateLimitStoreContract('redis', harness((redis) => new RedisRateLimitStore(redis)));
  sessionRevocationStoreContract('redis', harness((redis) => new RedisSessionRevocationStore(redis)));

  it('loads a script Redis does not know yet (first use, or NOSCRIPT after a restart) by falling back to EVAL', async () => {
    const redis = new RedisClient({ url: env.REDIS_URL });
    try {
      // A never-seen source (unique comment), so EVALSHA must fail with NOSCRIPT first — without flushing shared scripts.
      const script = new LuaScript(`-- ${randomUUID()}\nreturn ARGV[1]`);
      await expect(script.run(redis, [], ['hello'])).resolves.toBe('hello');
      await expect(script.run(redis, [], ['again'])).resolves.toBe('again');
    } finally {
      await redis.dispose();
    }
  });
});
