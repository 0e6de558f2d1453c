import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { describeWithInfra } from '@libs/testing';
import { registerRedisMemoryMetric } from './redis-memory-metric';

describeWithInfra(['redis'], 'redis_memory_used_bytes (seed 003 dashboard), real Redis', (env) => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('is served at scrape time from INFO memory, and a failing Redis keeps the last value instead of failing the scrape', async () => {
    const registry = new Registry();
    registerRedisMemoryMetric(registry, redis);
    const scrape = async () => /^redis_memory_used_bytes (\d+)$/m.exec(await registry.metrics())?.[1];
    const first = Number(await scrape());
    expect(first).toBeGreaterThan(100_000);
    expect(registerRedisMemoryMetric(registry, redis)).toBe(registry.getSingleMetric('redis_memory_used_bytes'));

    const broken = new Registry();
    let fail = false;
    registerRedisMemoryMetric(broken, { info: async (section) => (fail ? Promise.reject(new Error('down')) : redis.info(section)) });
    const before = /^redis_memory_used_bytes (\d+)$/m.exec(await broken.metrics())?.[1];
    fail = true;
    expect(/^redis_memory_used_bytes (\d+)$/m.exec(await broken.metrics())?.[1]).toBe(before);
  });
});
