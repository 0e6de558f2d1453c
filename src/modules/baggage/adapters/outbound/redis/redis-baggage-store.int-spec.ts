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

  it('reads itineraries other writers stored: spaces after commas (Python json.dumps), escaped slashes (cjson), arrays of one', async () => {
    const prefix = `test:baggage:${randomBytes(4).toString('hex')}:`;
    const store = new RedisBaggageStore(redis, prefix);
    try {
      const now = 1_900_000_000;
      await store.upsertFlights(
        [
          { id: 'FL_arr', departureTime: now - 3600, arrivalTime: now + 60, bags: ['B_spaces', 'B_last', 'B_escaped', 'B_only', 'B_other'] },
          { id: 'FL_next', departureTime: now + 1800, arrivalTime: now + 7200, bags: [] },
        ],
        now,
      );
      // Written as the original's producer or another tool would, bypassing upsertBags.
      await redis.hset(`${prefix}bag:id:B_spaces`, 'flights', '[ "FL_arr" , "FL_next" ]');
      await redis.hset(`${prefix}bag:id:B_last`, 'flights', '["FL_x", "FL_arr"]');
      await redis.hset(`${prefix}bag:id:B_escaped`, 'flights', '["FL_arr","FL\\/next"]');
      await redis.hset(`${prefix}bag:id:B_only`, 'flights', '["FL_arr"]');
      await redis.hset(`${prefix}bag:id:B_other`, 'flights', '["FL_arrX","FL_next"]');
      const [item] = await store.claimArrivals(now + 600, 10, now);
      expect(item.bags).toEqual({ B_spaces: now + 1800, B_last: 0, B_escaped: -3, B_only: 0, B_other: -10 });
    } finally {
      await deletePrefix(redis, prefix);
    }
  });

  it('falls back to SCRIPT LOAD when Redis does not know a script (NOSCRIPT)', async () => {
    // A unique source, so its SHA is unknown to the server (no SCRIPT FLUSH on a shared Redis).
    const script = new LuaScript(`return ARGV[1] -- ${randomBytes(8).toString('hex')}`, 'probe');
    expect(await script.run(redis, [], ['ok'])).toBe('ok');
    expect(await redis.script('EXISTS', script.sha)).toEqual([1]);
  });
});
