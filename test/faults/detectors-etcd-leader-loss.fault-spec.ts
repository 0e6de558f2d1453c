import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ServiceError, status } from '@grpc/grpc-js';
import { EtcdClient } from '@libs/platform';
import { describeWithInfra } from '@libs/testing';
import { bootForTest } from '../support/boot';
// The simulator's gRPC helpers (test code may reach into a module; src code may not).
import { call, detectorClients } from '../../src/modules/detectors/adapters/inbound/cli/simulator';

// Fault scenario (issue 18, docs/reliability.md): on the cluster profile's 3-member etcd, kill -9 the Raft leader
// while 8 callers send one event per unary CreateEventLog call (the shape of mbcli and the original's collectors).
// Invariants: every call answered OK is readable afterwards; calls that fail, fail with a status, never silently;
// ingest goes on after the election.
const CLUSTER = join(__dirname, '..', '..', 'scripts', 'infra', 'cluster.sh');
const cluster = (...args: string[]): string => execFileSync('bash', [CLUSTER, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface MemberStatus {
  header: { member_id: string };
  leader: string;
}

/** The cluster member (etcd-1..3) that is the Raft leader, from each endpoint's maintenance status. */
async function etcdLeader(hosts: readonly string[]): Promise<string> {
  const statuses = await Promise.all(hosts.map(async (h) => (await (await fetch(`${h}/v3/maintenance/status`, { method: 'POST', body: '{}' })).json()) as MemberStatus));
  const index = statuses.findIndex((s) => s.header.member_id === s.leader);
  if (index < 0) throw new Error(`no etcd leader among ${hosts.join(', ')}`);
  return `etcd-${index + 1}`;
}

describeWithInfra(['etcd'], 'detectors on a 3-member etcd: the leader dies during unary ingest', (env) => {
  const prefix = `fault-det-${randomUUID().slice(0, 8)}`;
  const hosts = env.ETCD_HOSTS.split(',');
  let killed: string | undefined;

  afterAll(async () => {
    if (killed) cluster('start', killed);
    const etcd = new EtcdClient({ hosts });
    await etcd.delete().prefix(`/${prefix}/`).exec();
    await etcd.dispose();
  }, 60_000);

  it('keeps every acknowledged event, fails the others with a status, and goes on after the election', async () => {
    expect(hosts).toHaveLength(3); // the cluster profile, not the single test etcd
    const app = await bootForTest({
      ...env,
      ADAPTERS: 'real',
      MODULES: 'detectors',
      LOG_LEVEL: 'warn',
      IDENTITY_GRPC_URL: '127.0.0.1:1',
      DETECTORS_DEVICE_KEY: 'fault-test-device-key-0123456789abcdef',
      DETECTORS_ETCD_PREFIX: prefix,
      DETECTORS_WORKERS: 'false',
    });
    const clients = detectorClients(app.grpcAddress!);
    const base = Math.floor(Date.now() / 1000) - 120;
    const acked = new Set<string>();
    const failures = new Map<string, number>();
    let offered = 0;
    let stop = false;
    const caller = async (c: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        // A unique timestamp per call identifies its event when reading back.
        const time = { seconds: base + c, nanos: i * 1000 };
        offered++;
        try {
          await call(clients.collector, 'CreateEventLog', { loc: { detector_id: `${prefix}-d${c % 4}` }, events: [{ wifi: `w-${c}-${i}`, time: [time] }] }, 5_000);
          acked.add(`${c % 4}/${time.seconds}.${time.nanos}`);
        } catch (error) {
          const code = String((error as ServiceError).code ?? 'none');
          failures.set(code, (failures.get(code) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    try {
      const load = Promise.all(Array.from({ length: 8 }, (_, c) => caller(c)));
      await new Promise((r) => setTimeout(r, 3000));
      killed = await etcdLeader(hosts);
      const killedAt = Date.now();
      const ackedBefore = acked.size;
      cluster('kill', killed);
      // Ingest resumes on the two survivors once they elected a new leader.
      let resumedMs: number | undefined;
      while (Date.now() - killedAt < 20_000) {
        await new Promise((r) => setTimeout(r, 100));
        if (resumedMs === undefined && acked.size > ackedBefore + 50) resumedMs = Date.now() - killedAt;
        if (resumedMs !== undefined && Date.now() - killedAt > resumedMs + 3000) break;
      }
      stop = true;
      await load;
      expect(resumedMs).toBeDefined();

      // Every acknowledged event is readable (through the surviving members).
      const found = new Set<string>();
      for (let d = 0; d < 4; d++) {
        const r = await call<{ events: Array<{ time: Array<{ seconds: number; nanos: number }> }> }>(clients.query, 'GetEvents', { detector_ids: [`${prefix}-d${d}`], limit: 1_000_000 }, 30_000);
        for (const e of r.events) for (const t of e.time) found.add(`${d}/${t.seconds}.${t.nanos}`);
      }
      const lost = [...acked].filter((k) => !found.has(k));
      expect(lost).toEqual([]);
      // Nothing appears that was never offered, and a call that failed got UNAVAILABLE from Junction (its etcd calls
      // give up after 2 s, below the clients' 5 s), not the client's own deadline.
      expect(found.size).toBeLessThanOrEqual(offered);
      expect([...failures.keys()].filter((code) => code !== String(status.UNAVAILABLE))).toEqual([]);
      process.stdout.write(
        `${JSON.stringify({ scenario: 'detectors: kill -9 the etcd leader during unary ingest', killed, offered, acked: acked.size, found: found.size, lost: lost.length, failures: Object.fromEntries(failures), resumedMs })}\n`,
      );
    } finally {
      stop = true;
      clients.close();
      await app.close();
    }
  }, 180_000);
});
