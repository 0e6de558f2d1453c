/**
 * orders benchmark (real Kafka + PostgreSQL + etcd; `npm run infra:up` first):
 *   npx ts-node -T -r tsconfig-paths/register test/load/orders/settle-benchmark.ts
 * Starts the app as a child process (`--modules=orders,identity --adapters=real`, user status from a fake user API),
 * then 1) posts orders at a fixed rate (BENCH_RATE/s for BENCH_SECONDS) and measures settle latency = POST until
 * APPROVED/CANCELED is committed (observed in PostgreSQL every 10 ms); 2) posts BENCH_BURST orders as fast as BENCH_CONCURRENCY
 * clients can and measures settled orders/s. BENCH_SPLIT=1 runs the API and the saga consumers in two processes.
 * Prints one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Pool } from 'pg';
import { infraEnv } from '@libs/testing';
import { startFakeUserApi } from '../../support/fake-user-api';
import { ordersChildEnv, postOrder, startOrdersChild } from '../../support/orders-child';
import { cleanUpOrdersKafka } from '../../support/orders-kafka';
import { percentile } from '../stats';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BURST = Number(process.env.BENCH_BURST ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

async function main(): Promise<void> {
  const env = infraEnv();
  const prefix = `bench-${randomUUID().slice(0, 8)}-`;
  const api = await startFakeUserApi();
  const childEnv = {
    ...ordersChildEnv(env, { prefix, userApiUrl: api.baseUrl, partitions: 6 }),
    DATABASE_POOL_SIZE: '20',
    LOG_LEVEL: 'error',
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...(process.env.BENCH_TRACES_FILE ? { OTEL_TRACES_EXPORTER: 'file', OTEL_TRACES_FILE: process.env.BENCH_TRACES_FILE } : {}),
  };
  // BENCH_SPLIT=1: the API (and the writers' publishing) in one process, the saga consumers in another, so both
  // cores work on orders; otherwise one process does everything.
  const split = process.env.BENCH_SPLIT === '1';
  const app = await startOrdersChild({ ...childEnv, ...(split ? { ORDERS_SAGA_ROLES: '' } : {}) });
  const saga = split ? await startOrdersChild(childEnv) : undefined;
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
  try {
    const settledStatus = async (id: string): Promise<string> => {
      const res = await fetch(`${app.httpUrl}/api/order/${id}`);
      return ((await res.json()) as { status: string }).status;
    };
    const order = (user: string, i: number) => ({ value: i % 10 === 0 ? '20000.00' : '1000.00', user_id: user, installment: '10', method: 'credit_card' });

    // warm-up: consumer groups joined, JIT warm
    const warmUser = `${prefix}warm`;
    for (let i = 0; i < 20; i++) {
      const { body } = await postOrder(app.httpUrl, order(warmUser, i));
      while ((await settledStatus(String(body.id))) === 'PROCESSING') await new Promise((r) => setTimeout(r, 50));
    }

    // 1) fixed rate. Settlement is observed in PostgreSQL (one query per 10 ms for every open order) rather than by
    // polling GET per order, which would load the server under test with thousands of requests per second.
    const latencies: number[] = [];
    const open = new Map<string, number>();
    const latencyUser = `${prefix}latency`;
    const total = RATE * SECONDS;
    let watching = true;
    const watcher = (async () => {
      while (watching || open.size > 0) {
        if (open.size > 0) {
          const { rows } = await pool.query<{ id: string }>(`SELECT id FROM orders.orders WHERE id = ANY($1::uuid[]) AND status <> 'PROCESSING'`, [[...open.keys()]]);
          const now = performance.now();
          for (const { id } of rows) {
            latencies.push(now - open.get(id)!);
            open.delete(id);
          }
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const posts: Promise<void>[] = [];
    const started = Date.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      posts.push(
        (async () => {
          const t0 = performance.now();
          const { status, body } = await postOrder(app.httpUrl, order(latencyUser, i));
          if (status !== 201) throw new Error(`POST answered ${status}`);
          open.set(String(body.id), t0);
        })(),
      );
    }
    await Promise.all(posts);
    watching = false;
    await watcher;
    latencies.sort((a, b) => a - b);

    // 2) maximum throughput
    const burstUser = `${prefix}burst`;
    let next = 0;
    const t1 = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < BURST) {
          const i = next++;
          await postOrder(app.httpUrl, order(burstUser, i));
        }
      }),
    );
    const postedMs = Date.now() - t1;
    for (;;) {
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM orders.orders WHERE user_id = $1 AND status <> 'PROCESSING'`, [burstUser]);
      if (Number(rows[0].n) >= BURST) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const settledMs = Date.now() - t1;

    console.log(
      JSON.stringify(
        {
          benchmark: 'orders settle',
          processes: split ? 2 : 1,
          machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
          fixedRate: { ordersPerSecond: RATE, orders: total, p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)), maxMs: Math.round(latencies[latencies.length - 1]) },
          throughput: { orders: BURST, concurrency: CONCURRENCY, acceptedPerSecond: Math.round((BURST * 1000) / postedMs), settledPerSecond: Math.round((BURST * 1000) / settledMs) },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const child of [app, saga]) child?.child.kill('SIGTERM');
    await Promise.all([app.exited, saga?.exited]);
    await pool.end();
    await api.close();
    await cleanUpOrdersKafka(prefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
