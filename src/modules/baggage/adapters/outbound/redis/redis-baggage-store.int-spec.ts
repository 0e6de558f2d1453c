import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeWithInfra } from '@libs/testing';
import { baggageStoreContract } from '../../../ports/baggage-store.contract';
import { LuaScript } from '@libs/platform';
import { RedisBaggageStore } from './redis-baggage-store';

/** Deletes every key under a test's unique prefix. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

describeWithInfra(['redis'], 'RedisBaggageStore (BaggageStore contract, real Redis)', (env) => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    await redis.quit();
  });

  baggageStoreContract(async () => {
    const prefix = `test:baggage:${randomBytes(4).toString('hex')}:`;
    const store = new RedisBaggageStore(redis, prefix);
    await store.loadScripts();
    return { store, cleanup: () => deletePrefix(redis, prefix) };
  });

  it('falls back to SCRIPT LOAD when Redis does not know a script (NOSCRIPT)', async () => {
    // A unique source, so its SHA is unknown to the server (no SCRIPT FLUSH on a shared Redis).
    const script = new LuaScript(`return ARGV[1] -- ${randomBytes(8).toString('hex')}`, 'probe');
    expect(await script.run(redis, [], ['ok'])).toBe('ok');
    expect(await redis.script('EXISTS', script.sha)).toEqual([1]);
  });
});
