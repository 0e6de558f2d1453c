/**
 * Detectors benchmark (real etcd): StreamEventLog ingest (events/s), CreateEventLog p99 at moderate load, GetEvents
 * p99 (limit 100) for one detector holding 100k events. Prints one JSON object.
 *
 *   set -a; . .infra/env; set +a
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/load/detectors/bench.ts
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Client } from '@grpc/grpc-js';
import { EtcdClient } from '@libs/platform';
import { startJunction } from '../../../src/bootstrap';
import { call, detectorClients } from '../../../src/modules/detectors/adapters/inbound/cli/simulator';
import { percentile } from '../stats';

const ms = (value: number): number => Math.round(value * 100) / 100;

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const STREAMS = 4;
const PER_MESSAGE = 50;

async function stream(client: Client, messages: unknown[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const s = (client as never as Record<string, (cb: (e: Error | null) => void) => { write(m: unknown): boolean; end(): void; once(e: string, f: () => void): void }>).StreamEventLog.call(client, (e) => (e ? reject(e) : resolve()));
    void (async () => {
      for (const m of messages) if (!s.write(m)) await new Promise<void>((r) => s.once('drain', r));
      s.end();
    })();
  });
}

async function main(): Promise<void> {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const hosts = process.env.ETCD_HOSTS ?? 'http://127.0.0.1:12379';
  const junction = await startJunction({
    env: { ...process.env, ADAPTERS: 'real', MODULES: 'detectors', IDENTITY_GRPC_URL: '127.0.0.1:1', ETCD_HOSTS: hosts, PORT: '0', GRPC_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DETECTORS_DEVICE_KEY: 'benchmark-device-key-0123456789abcdefghij', DETECTORS_ETCD_PREFIX: prefix, DETECTORS_WORKERS: 'false', DETECTORS_RETENTION_SECONDS: '3600' },
  });
  const clients = detectorClients(junction.grpcAddress!);
  const etcd = new EtcdClient({ hosts: hosts.split(',') });
  try {
    // 1. Ingest: EVENTS events for one detector over the last 23 h, STREAMS client streams at once.
    const now = Date.now();
    const spanMs = 23 * 3600 * 1000;
    const messages: unknown[][] = Array.from({ length: STREAMS }, () => []);
    for (let i = 0; i < EVENTS; i += PER_MESSAGE) {
      const events = Array.from({ length: Math.min(PER_MESSAGE, EVENTS - i) }, (_, j) => {
        const t = now - spanMs + ((i + j) / EVENTS) * spanMs;
        return { time: [{ seconds: Math.floor(t / 1000), nanos: (t % 1000) * 1e6 }], wifi: `dev-${(i + j) % 5000}` };
      });
      messages[(i / PER_MESSAGE) % STREAMS].push({ loc: { detector_id: 'bench-1' }, events });
    }
    const ingestStart = performance.now();
    await Promise.all(messages.map((m) => stream(clients.collector, m)));
    const ingestSeconds = (performance.now() - ingestStart) / 1000;

    // 2. Unary CreateEventLog at moderate load: 8 callers, 2,000 calls of 10 events each.
    const unaryMs: number[] = [];
    let next = 0;
    const unaryStart = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 2000) {
          const n = next++;
          const events = Array.from({ length: 10 }, (_, j) => ({ time: [{ seconds: Math.floor(Date.now() / 1000) }], bluetooth: `u-${n}-${j}` }));
          const t0 = performance.now();
          await call(clients.collector, 'CreateEventLog', { loc: { detector_id: `bench-u-${n % 20}` }, events });
          unaryMs.push(performance.now() - t0);
        }
      }),
    );
    const unarySeconds = (performance.now() - unaryStart) / 1000;

    // 3. GetEvents, limit 100, on the detector holding EVENTS events: 500 sequential calls, then 4 concurrent callers.
    const queryMs: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now();
      const r = await call<{ events: Array<{ time: unknown[] }> }>(clients.query, 'GetEvents', { detector_ids: ['bench-1'], limit: 100 });
      queryMs.push(performance.now() - t0);
      if (i === 0 && r.events.reduce((s, e) => s + e.time.length, 0) !== 100) throw new Error('GetEvents did not return 100 events');
    }
    const rangedMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const before = now - Math.random() * spanMs;
      const t0 = performance.now();
      await call(clients.query, 'GetEvents', { detector_ids: ['bench-1'], limit: 100, range: { before: { seconds: Math.floor(before / 1000) } } });
      rangedMs.push(performance.now() - t0);
    }
    const stored = await etcd.getAll().prefix(`/${prefix}/detectors/bench-1/`).count();

    process.stdout.write(
      `${JSON.stringify(
        {
          machine: { cpus: cpus().length, memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version },
          ingest_stream: { events: EVENTS, streams: STREAMS, events_per_message: PER_MESSAGE, seconds: +ingestSeconds.toFixed(2), events_per_second: Math.round(EVENTS / ingestSeconds) },
          unary_create_event_log: { calls: unaryMs.length, concurrency: 8, events_per_call: 10, calls_per_second: Math.round(unaryMs.length / unarySeconds), p50_ms: ms(percentile(unaryMs, 50)), p99_ms: ms(percentile(unaryMs, 99)) },
          get_events_limit_100: { stored_events: stored, calls: queryMs.length, p50_ms: ms(percentile(queryMs, 50)), p99_ms: ms(percentile(queryMs, 99)) },
          get_events_limit_100_random_before: { calls: rangedMs.length, p50_ms: ms(percentile(rangedMs, 50)), p99_ms: ms(percentile(rangedMs, 99)) },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    clients.close();
    await etcd.delete().prefix(`/${prefix}/`).exec();
    await etcd.dispose();
    await junction.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
