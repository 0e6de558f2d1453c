import { randomBytes } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { describeWithInfra, eventually } from '@libs/testing';
import { EventEnvelope, createEnvelope } from '../envelope/envelope';
import { InMemoryIntegrationEventBus } from '../memory/in-memory-integration-event-bus';
import { OutboxRelay } from '../outbox/outbox-relay';
import { PostgresOutboxStore, outboxTableSql } from '../outbox/postgres-outbox-store';
import { PostgresInboxStore, inboxTableSql } from '../inbox/postgres-inbox-store';

const type = 'orders.order-placed.v1';
const events = (n: number, key = 'order-1') => Array.from({ length: n }, (_, i) => createEnvelope({ type, key, payload: { line: i } }));
const ids = (list: readonly EventEnvelope[]) => list.map((e) => e.id);

describeWithInfra(['postgres'], 'Postgres outbox and inbox stores', (env) => {
  // A schema of its own per run, dropped afterwards: reruns and parallel runs never meet.
  const schema = `test_messaging_${randomBytes(4).toString('hex')}`;
  let pool: Pool;

  async function inTransaction<T>(work: (client: PoolClient) => Promise<T>, commit = true): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  beforeAll(async () => {
    pool = new Pool({ connectionString: env.DATABASE_URL, max: 8 });
    await pool.query(outboxTableSql(schema));
    await pool.query(inboxTableSql(schema));
    // The DDL is idempotent: running a module's migrations twice is harmless.
    await pool.query(outboxTableSql(schema));
    await pool.query(inboxTableSql(schema));
  });

  afterAll(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  beforeEach(async () => {
    await pool.query(`TRUNCATE "${schema}".outbox, "${schema}".inbox`);
  });

  describe('PostgresOutboxStore', () => {
    it('keeps append order, claims oldest first, and hides claimed rows until released or published', async () => {
      const store = new PostgresOutboxStore(pool, { schema });
      const all = events(5);
      await store.append(all.slice(0, 3));
      await store.append(all.slice(3));
      const first = await store.claimBatch(2);
      expect(first).toEqual(all.slice(0, 2));
      expect(ids(await store.claimBatch(10))).toEqual(ids(all.slice(2)));
      expect(await store.claimBatch(10)).toEqual([]);
      await store.release([all[1].id]);
      await store.markPublished([all[0].id]);
      expect(ids(await store.claimBatch(10))).toEqual([all[1].id]);
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".outbox`);
      expect(rows[0].n).toBe(4);
    });

    it("writes in the caller's transaction: a rollback leaves no event behind", async () => {
      const store = new PostgresOutboxStore(pool, { schema });
      const [lost, kept] = events(2);
      await inTransaction((client) => store.append([lost], client), false);
      await inTransaction((client) => store.append([kept], client));
      expect(ids(await store.claimBatch(10))).toEqual([kept.id]);
    });

    it('never hands one row to two relays claiming at the same time (SKIP LOCKED)', async () => {
      const store = new PostgresOutboxStore(pool, { schema });
      const all = events(40);
      await store.append(all);
      const batches = await Promise.all(Array.from({ length: 8 }, () => store.claimBatch(7)));
      const claimed = batches.flatMap(ids);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(new Set(claimed)).toEqual(new Set(ids(all)));
    });

    it('lets another relay take over a batch whose lease expired', async () => {
      const store = new PostgresOutboxStore(pool, { schema, leaseMs: 50 });
      const [e] = events(1);
      await store.append([e]);
      expect(ids(await store.claimBatch(1))).toEqual([e.id]);
      expect(await store.claimBatch(1)).toEqual([]);
      await new Promise((r) => setTimeout(r, 120));
      expect(ids(await store.claimBatch(1))).toEqual([e.id]);
    });

    it('rejects invalid envelopes and duplicate ids with clear errors', async () => {
      const store = new PostgresOutboxStore(pool, { schema });
      const [e] = events(1);
      await expect(store.append([{ ...e, version: 3 }])).rejects.toThrow(/version must equal the \.v1 suffix/);
      await store.append([e]);
      await expect(store.append([e])).rejects.toMatchObject({ code: 'MESSAGING.DUPLICATE_EVENT', category: 'conflict' });
    });

    it('refuses schema names that are not plain identifiers', () => {
      expect(() => new PostgresOutboxStore(pool, { schema: 'x"; DROP TABLE y; --' })).toThrow(/Invalid schema name/);
    });

    it('feeds the relay: committed events reach the bus in order, and the outbox empties', async () => {
      const store = new PostgresOutboxStore(pool, { schema });
      const bus = new InMemoryIntegrationEventBus();
      const got: string[] = [];
      bus.subscribe({ module: 'baggage', eventTypes: [type], handler: async (e) => void got.push(e.id) });
      await bus.start();
      const relay = new OutboxRelay(store, bus, { batchSize: 4, pollIntervalMs: 20 });
      relay.start();
      try {
        const all = events(10);
        await inTransaction((client) => store.append(all, client));
        relay.wake();
        await eventually(() => expect(got).toEqual(ids(all)));
        await eventually(async () => expect((await pool.query(`SELECT 1 FROM "${schema}".outbox`)).rowCount).toBe(0));
      } finally {
        await relay.stop();
        await bus.stop();
      }
    });
  });

  describe('PostgresInboxStore', () => {
    it('records an event once per consumer', async () => {
      const inbox = new PostgresInboxStore(pool, { schema });
      const [e] = events(1);
      expect(await inbox.seen('orders.a', e.id)).toBe(false);
      expect(await inbox.markProcessed('orders.a', e.id)).toBe(true);
      expect(await inbox.markProcessed('orders.a', e.id)).toBe(false);
      expect(await inbox.seen('orders.a', e.id)).toBe(true);
      expect(await inbox.seen('orders.b', e.id)).toBe(false);
    });

    it('inside transactions, a concurrent duplicate waits for the first and then sees it processed', async () => {
      const inbox = new PostgresInboxStore(pool, { schema });
      const [e] = events(1);
      const first = await pool.connect();
      try {
        await first.query('BEGIN');
        expect(await inbox.markProcessed('orders.a', e.id, first)).toBe(true);
        const second = inTransaction((client) => inbox.markProcessed('orders.a', e.id, client));
        await new Promise((r) => setTimeout(r, 100)); // the second insert is now blocked on the first's key
        await first.query('COMMIT');
        expect(await second).toBe(false);
      } finally {
        first.release();
      }
    });

    it('forgets a mark whose transaction rolled back, so the redelivery is processed', async () => {
      const inbox = new PostgresInboxStore(pool, { schema });
      const [e] = events(1);
      await inTransaction((client) => inbox.markProcessed('orders.a', e.id, client), false);
      expect(await inbox.seen('orders.a', e.id)).toBe(false);
    });

    it('purges entries older than a cutoff', async () => {
      const inbox = new PostgresInboxStore(pool, { schema });
      const [old, recent] = events(2);
      await inbox.markProcessed('orders.a', old.id);
      await pool.query(`UPDATE "${schema}".inbox SET processed_at = now() - interval '30 days' WHERE event_id = $1`, [old.id]);
      await inbox.markProcessed('orders.a', recent.id);
      expect(await inbox.purgeProcessedBefore(new Date(Date.now() - 7 * 86_400_000))).toBe(1);
      expect(await inbox.seen('orders.a', old.id)).toBe(false);
      expect(await inbox.seen('orders.a', recent.id)).toBe(true);
    });
  });
});
