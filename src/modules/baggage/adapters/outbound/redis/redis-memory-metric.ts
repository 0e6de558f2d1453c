import { Gauge, Registry } from 'prom-client';

/** What the gauge needs from a Redis client (ioredis's `info`). */
export interface RedisInfoSource {
  info(section: 'memory'): Promise<string>;
}

export const REDIS_MEMORY_METRIC = 'redis_memory_used_bytes';
const TIMEOUT_MS = 500;

/** `used_memory` of `INFO memory`, or undefined when the answer has none. */
export function usedMemoryBytes(info: string): number | undefined {
  const match = /^used_memory:(\d+)\r?$/m.exec(info);
  return match ? Number(match[1]) : undefined;
}

/**
 * Seed 003's dashboard plots `redis_memory_used_bytes`, which the original took from a Redis exporter. Junction serves
 * it itself on /metrics: `used_memory` of baggage's Redis, read at scrape time (bounded by 500 ms; a failed read keeps
 * the last value, so a Redis outage never fails the scrape).
 */
export function registerRedisMemoryMetric(registry: Registry, redis: RedisInfoSource): Gauge {
  const existing = registry.getSingleMetric(REDIS_MEMORY_METRIC);
  if (existing) return existing as Gauge;
  return new Gauge({
    name: REDIS_MEMORY_METRIC,
    help: 'Memory used by Redis (INFO memory used_memory), as the Redis exporter names it',
    registers: [registry],
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), TIMEOUT_MS)));
      try {
        const info = await Promise.race([redis.info('memory'), timeout]);
        const bytes = info === undefined ? undefined : usedMemoryBytes(info);
        if (bytes !== undefined) this.set(bytes);
      } catch {
        // Keep the last value: readiness reports Redis outages, the scrape must still answer.
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
