import { randomUUID } from 'node:crypto';
import { describeWithInfra } from '@libs/testing';
import { RedisClient } from './redis.client';

describeWithInfra(['redis'], 'RedisClient against a real Redis', (env) => {
  const prefix = `it:redis:${randomUUID()}:`;
  let redis: RedisClient;

  beforeAll(() => {
    redis = new RedisClient({ url: env.REDIS_URL });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.dispose();
    expect(redis.status).toBe('end');
  });

  it('answers PING as its health check once connected', async () => {
    await redis.ping(); // queued until the connection is ready
    await expect(redis.healthCheck()).resolves.toBeUndefined();
    expect(redis.target).toBe(new URL(env.REDIS_URL).host);
  });

  it('runs a Lua script with EVAL and as a defined command (EVALSHA) with the same result', async () => {
    // Compare-and-set: the kind of atomic step adapters load as scripts.
    const cas = `
      local current = redis.call('GET', KEYS[1])
      if current == ARGV[1] or (current == false and ARGV[1] == '') then
        redis.call('SET', KEYS[1], ARGV[2])
        return 1
      end
      return 0`;
    const key = `${prefix}cas`;
    await expect(redis.eval(cas, 1, key, '', 'v1')).resolves.toBe(1);
    await expect(redis.eval(cas, 1, key, 'wrong', 'v2')).resolves.toBe(0);
    await expect(redis.get(key)).resolves.toBe('v1');

    redis.defineCommand('junctionCas', { numberOfKeys: 1, lua: cas });
    const defined = redis as RedisClient & { junctionCas(key: string, expected: string, next: string): Promise<number> };
    await expect(defined.junctionCas(key, 'v1', 'v2')).resolves.toBe(1);
    await expect(redis.get(key)).resolves.toBe('v2');
  });
});
