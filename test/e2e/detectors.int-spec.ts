import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AddressInfo, Server, Socket, createServer, connect } from 'node:net';
import { join } from 'node:path';
import { ServiceError, status } from '@grpc/grpc-js';
import { EtcdClient } from '@libs/platform';
import { describeWithInfra, eventually } from '@libs/testing';
import { BootedForTest, bootForTest } from '../support/boot';
import { TS_NODE_ARGS } from '../support/ts-node-args';
// The simulator's gRPC helpers (test code may reach into a module; src code may not).
import { call, detectorClients } from '../../src/modules/detectors/adapters/inbound/cli/simulator';

const ROOT = join(__dirname, '..', '..');
const KEY = 'integration-test-device-key-0123456789abcdef';

interface TravelTimeWire {
  src_detector_id: string;
  dest_detector_id: string;
  status: string;
  count: number;
  median_seconds: number;
}

/** A TCP proxy in front of etcd that the test can cut and restore ("etcd stopped" without stopping the shared etcd). */
function etcdProxy(target: URL): { port: () => number; cut(): Promise<void>; restore(): Promise<void> } {
  let server: Server | undefined;
  let port = 0;
  const sockets = new Set<Socket>();
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  return {
    port: () => port,
    cut: async () => {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
  };
}

describeWithInfra(['etcd'], 'detectors over a real etcd', (env) => {
  const prefix = `it-det-${randomUUID().slice(0, 8)}`;
  const baseEnv = {
    ADAPTERS: 'real',
    MODULES: 'detectors',
    IDENTITY_GRPC_URL: '127.0.0.1:1',
    ETCD_HOSTS: env.ETCD_HOSTS,
    DETECTORS_DEVICE_KEY: KEY,
    DETECTORS_ETCD_PREFIX: prefix,
    DETECTORS_WINDOW_SECONDS: '3600',
    DETECTORS_WORKER_INTERVAL_MS: '300',
    DETECTORS_LOCK_TTL_SECONDS: '2',
  };
  let etcd: EtcdClient;
  let a: BootedForTest;
  let b: BootedForTest | undefined;
  let bProxy: ReturnType<typeof etcdProxy> | undefined;

  beforeAll(async () => {
    etcd = new EtcdClient({ hosts: env.ETCD_HOSTS.split(',') });
    a = await bootForTest(baseEnv);
  });

  afterAll(async () => {
    await b?.close().catch(() => undefined);
    await bProxy?.cut();
    await a?.close();
    await etcd.delete().prefix(`/${prefix}/`).exec();
    await etcd.delete().prefix(`junction/locks/detectors/${prefix}/`).exec();
    await etcd.dispose();
  });

  it('recovers the simulator’s ground truth (median within ±5 % or ±2 s) for every link with enough samples', async () => {
    const simulate = spawn(process.execPath, [...TS_NODE_ARGS, 'src/modules/detectors/adapters/inbound/cli/simulate.ts', '--target', a.grpcAddress!, '--detectors', '5', '--devices', '600', '--duration', '300', '--prefix', `${prefix}-sim`, '--seed', '7'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    simulate.stdout.on('data', (d) => (out += d));
    simulate.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => simulate.on('close', resolve));
    expect({ code, err: code === 0 ? '' : err }).toEqual({ code: 0, err: '' });
    expect(err).toContain('100%'); // the progress bar
    const summary = JSON.parse(out) as { events_sent: number; streams: number; unary_calls: number; links: Array<{ src: string; dest: string; true_seconds: number }> };
    expect(summary.streams).toBeGreaterThan(0);
    expect(summary.unary_calls).toBeGreaterThan(0);

    const clients = detectorClients(a.grpcAddress!);
    try {
      // Workers recompute every 300 ms: wait until a computation has seen every event, then compare.
      await eventually(
        async () => {
          const r = await call<{ travel_times: TravelTimeWire[] }>(clients.detectors, 'ListTravelTimes', {});
          const mine = r.travel_times.filter((t) => t.src_detector_id.startsWith(`${prefix}-sim`));
          expect(mine).toHaveLength(summary.links.length);
          for (const link of summary.links) {
            const result = mine.find((t) => t.src_detector_id === link.src && t.dest_detector_id === link.dest)!;
            const tolerance = Math.max(2, link.true_seconds * 0.05);
            expect({ link: `${link.src}→${link.dest}`, status: result.status, count: result.count >= 5, close: Math.abs(result.median_seconds - link.true_seconds) <= tolerance }).toEqual({
              link: `${link.src}→${link.dest}`,
              status: 'OK',
              count: true,
              close: true,
            });
          }
        },
        20_000,
        300,
      );
    } finally {
      clients.close();
    }
  }, 60_000);

  it('splits destinations between two worker processes, and the survivor takes over within the lease time when one is killed', async () => {
    const workersA = a.app.get(findWorkers(a));
    const destinations = [...new Set((await etcd.getAll().prefix(`/${prefix}/links/`).keys()).map((k) => k.split('/')[3]))];
    expect(destinations.length).toBe(4);
    await eventually(() => expect(workersA.ownedDestinations()).toHaveLength(4), 10_000, 100);

    // A second worker process (in-process: a child process needs ~15 s to boot under ts-node on 2 busy cores).
    // B reaches etcd through a proxy the test can cut: to etcd, that is B dying (its leases stop being renewed).
    bProxy = etcdProxy(new URL(env.ETCD_HOSTS.split(',')[0]));
    await bProxy.restore();
    b = await bootForTest({ ...baseEnv, ETCD_HOSTS: `http://127.0.0.1:${bProxy.port()}`, PROCESS_NAME: 'detectors-b' });
    const workersB = b.app.get(findWorkers(b));
    // B joins: A keeps its fair share (2) and releases the rest, which B takes.
    await eventually(
      async () => {
        expect(workersA.ownedDestinations()).toHaveLength(2);
        expect(workersB.ownedDestinations()).toHaveLength(2);
        expect(new Set([...workersA.ownedDestinations(), ...workersB.ownedDestinations()]).size).toBe(4);
        const locks = await etcd.getAll().prefix(`junction/locks/detectors/${prefix}/dest/`).keys();
        expect(locks).toHaveLength(4);
      },
      30_000,
      200,
    );
    // B dies without releasing anything: its connections to etcd go away, its leases stop being renewed and expire.
    const killedAt = Date.now();
    await bProxy.cut();
    await eventually(() => expect(workersA.ownedDestinations()).toHaveLength(4), 15_000, 100);
    const tookOverMs = Date.now() - killedAt;
    // Lease TTL 2 s (the presence key and the locks) + one worker interval + a little slack.
    expect(tookOverMs).toBeLessThan(2000 + 300 + 2500);
  }, 60_000);

  it('answers UNAVAILABLE while etcd is unreachable, and recovers when it returns', async () => {
    const proxy = etcdProxy(new URL(env.ETCD_HOSTS.split(',')[0]));
    await proxy.restore();
    const c = await bootForTest({ ...baseEnv, ETCD_HOSTS: `http://127.0.0.1:${proxy.port()}`, DETECTORS_WORKERS: 'false' });
    const clients = detectorClients(c.grpcAddress!);
    const log = (i: number) => ({ loc: { detector_id: 'it-down' }, events: [{ wifi: `w${i}`, time: [{ seconds: Math.floor(Date.now() / 1000) - 10 }] }] });
    try {
      await call(clients.collector, 'CreateEventLog', log(1));
      await proxy.cut();
      const error = await call(clients.collector, 'CreateEventLog', log(2), 30_000).then(
        () => undefined,
        (e: ServiceError) => e,
      );
      expect(error?.code).toBe(status.UNAVAILABLE);
      expect(error?.details).toContain('DETECTORS.STORE_UNAVAILABLE');
      const query = await call(clients.query, 'GetEvents', { detector_ids: ['it-down'] }, 30_000).then(
        () => undefined,
        (e: ServiceError) => e,
      );
      expect(query?.code).toBe(status.UNAVAILABLE);
      await proxy.restore();
      await eventually(() => call(clients.collector, 'CreateEventLog', log(3)), 30_000, 500);
      const events = await call<{ events: unknown[] }>(clients.query, 'GetEvents', { detector_ids: ['it-down'] });
      expect(events.events.length).toBeGreaterThanOrEqual(2);
    } finally {
      clients.close();
      await c.close();
      await proxy.cut();
    }
  }, 90_000);
});

/** The TravelTimeWorkers class of the booted app, found by name (tests do not import module internals into src). */
function findWorkers(_app: BootedForTest): new (...args: never[]) => { ownedDestinations(): string[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../src/modules/detectors/application/travel-time-workers').TravelTimeWorkers;
}
