import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { describeWithInfra, eventually } from '@libs/testing';
import { startFakeUserApi } from '../support/fake-user-api';
import { OrdersChild, ordersChildEnv, postOrder, startOrdersChild } from '../support/orders-child';
import { cleanUpOrdersKafka } from '../support/orders-kafka';
import { expectSettledOnce } from '../support/orders-invariants';

// Fault scenario (issue 18, docs/reliability.md): on the cluster profile (3 brokers, replication 3,
// min.insync.replicas 2), kill -9 the broker leading the first saga topic's partition 0 while orders are placed.
// Invariants: every accepted order settles (APPROVED or CANCELED by its value) exactly once, with no saga step logged
// twice.
const CLUSTER = join(__dirname, '..', '..', 'scripts', 'infra', 'cluster.sh');
const cluster = (...args: string[]): string => execFileSync('bash', [CLUSTER, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describeWithInfra(['postgres', 'kafka', 'etcd', 'redis'], 'orders on a 3-broker Kafka: a broker dies mid-saga', (env) => {
  const prefix = `fault-${randomUUID().slice(0, 8)}-`;
  const user = `fault-${randomUUID()}`;
  let child: OrdersChild | undefined;
  let killed: string | undefined;

  afterAll(async () => {
    child?.child.kill('SIGKILL');
    if (killed) cluster('start', killed);
    await cleanUpOrdersKafka(prefix);
  }, 120_000);

  it('settles every accepted order exactly once', async () => {
    expect(env.KAFKA_BROKERS.split(',')).toHaveLength(3); // the cluster profile, not the single test broker
    const api = await startFakeUserApi();
    const pool = new Pool({ connectionString: env.DATABASE_URL, max: 2 });
    try {
      child = await startOrdersChild(ordersChildEnv(env, { prefix, userApiUrl: api.baseUrl, partitions: 3 }));
      const accepted: string[] = [];
      const refused = new Map<number, number>();
      let stop = false;
      const load = (async () => {
        for (let i = 0; !stop; i++) {
          const value = i % 3 === 0 ? '20000.00' : `${(i % 90) + 1}.00`;
          const res = await postOrder(child!.httpUrl, { value, user_id: user, installment: '1', method: 'cash' }).catch(() => undefined);
          if (res?.status === 201) accepted.push(String(res.body.id));
          else refused.set(res?.status ?? 0, (refused.get(res?.status ?? 0) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await eventually(() => expect(accepted.length).toBeGreaterThan(150), 60_000, 50);

      const admin = new Kafka({ clientId: 'orders-fault', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const sagaTopic = (await admin.listTopics()).filter((t) => t.startsWith(prefix)).sort()[0];
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [sagaTopic] })).topics;
      await admin.disconnect();
      killed = `kafka-${metadata.partitions[0].leader}`;
      const killedAt = Date.now();
      const acceptedAtKill = accepted.length;
      cluster('kill', killed);
      // Orders keep coming for 10 s after the kill.
      await new Promise((r) => setTimeout(r, 10_000));
      stop = true;
      await load;

      let settledMs = 0;
      // On failure: the stuck orders, their saga events, the outbox, each group's committed offsets and the log tail.
      const diagnose = async (): Promise<string> => {
        const { rows: stuck } = await pool.query<{ id: string }>(`SELECT id FROM orders.orders WHERE user_id = $1 AND status = 'PROCESSING'`, [user]);
        const { rows: events } = await pool.query(`SELECT order_id, event FROM orders.order_events WHERE order_id::text = ANY($1::text[]) ORDER BY order_id`, [stuck.map((r) => r.id)]);
        const { rows: outbox } = await pool.query(`SELECT topic, message_key, created_at, leased_until FROM orders.saga_outbox LIMIT 20`);
        const probe = new Kafka({ clientId: 'orders-fault-diag', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
        await probe.connect();
        const lag: Record<string, unknown> = {};
        try {
          const topics = (await probe.listTopics()).filter((t) => t.startsWith(prefix));
          const ends = Object.fromEntries(await Promise.all(topics.map(async (t) => [t, await probe.fetchTopicOffsets(t).then((o) => o.map((p) => `${p.partition}:${p.high}`), (e: Error) => e.message)] as const)));
          lag.ends = ends;
          for (const g of (await probe.listGroups()).groups.filter((x) => x.groupId.startsWith(prefix))) {
            lag[g.groupId] = (await probe.fetchOffsets({ groupId: g.groupId }).catch(() => [])).map((t) => `${t.topic.slice(prefix.length)} ${t.partitions.map((p) => `${p.partition}:${p.offset}`).join(' ')}`);
          }
        } finally {
          await probe.disconnect();
        }
        return JSON.stringify({ stuck: stuck.map((r) => r.id), events, outbox, lag, log: child!.output().slice(-1500) });
      };
      await eventually(
        async () => {
          const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM orders.orders WHERE user_id = $1 AND status = 'PROCESSING'`, [user]);
          expect(Number(rows[0].n)).toBe(0);
          settledMs = Date.now() - killedAt;
        },
        60_000,
        250,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await diagnose()}`);
      });
      const orders = await expectSettledOnce(pool, user);
      expect(orders.map((o) => o.id).sort()).toEqual([...accepted].sort());
      process.stdout.write(
        `${JSON.stringify({ scenario: 'orders: kill -9 a saga partition leader broker mid-load', killed, accepted: accepted.length, acceptedAtKill, refused: Object.fromEntries(refused), settled: orders.length, settledMs })}\n`,
      );
    } finally {
      await pool.end();
      await api.close();
    }
  }, 300_000);
});
