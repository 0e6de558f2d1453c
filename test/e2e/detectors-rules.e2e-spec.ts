import { Client, ServiceError, credentials, loadPackageDefinition, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { BootedForTest, bootForTest } from '../support/boot';
import { specClients, grpcError, unary as specUnary } from '../support/detectors-spec-clients';

// The detectors rules of docs/compatibility.md that detectors.e2e-spec.ts does not cover, on memory adapters.

const DEVICE_KEY = 'e2e-detectors-device-key-0123456789abcdef';

/** This file's calls get 10 s (some send 1,000 ids or 1,100 timestamps). */
const unary = <T>(client: Client, method: string, body: unknown): Promise<T> => specUnary<T>(client, method, body, 10_000);

const NOW_S = Math.floor(Date.now() / 1000) - 3600;
const ts = (offset: number, nanos = 0) => ({ seconds: NOW_S + offset, nanos });
type Events = { events?: Array<{ detectorId: string; deviceId: string; time: unknown[] }> };

describe('detectors rules (memory adapters, gRPC)', () => {
  let junction: BootedForTest;
  let spec: ReturnType<typeof specClients>;

  beforeAll(async () => {
    junction = await bootForTest({ MODULES: 'identity,detectors', ADAPTERS: 'memory', DETECTORS_DEVICE_KEY: DEVICE_KEY, DETECTORS_WORKERS: 'false' });
    spec = specClients(junction.grpcAddress!);
  });

  afterAll(async () => {
    spec?.close();
    await junction?.close();
  });

  it('CreateEventLog refuses a timestamp more than 24 h in the future and a device id over 256 characters, storing nothing', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    await unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'rules-future-ok' }, events: [{ wifi: 'w', time: [{ seconds: nowS + 23 * 3600, nanos: 0 }] }] });
    const future = await grpcError(unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'rules-future' }, events: [{ wifi: 'w', time: [ts(1), { seconds: nowS + 25 * 3600, nanos: 0 }] }] }));
    expect(future.code).toBe(status.INVALID_ARGUMENT);
    expect(future.details).toContain('events[0].time[1]');
    expect((await unary<Events>(spec.query, 'GetEvents', { detectorIds: ['rules-future'] })).events ?? []).toEqual([]);

    await unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'rules-long-ok' }, events: [{ bluetooth: 'b'.repeat(256), time: [ts(1)] }] });
    expect((await unary<Events>(spec.query, 'GetEvents', { detectorIds: ['rules-long-ok'] })).events).toHaveLength(1);
    const long = await grpcError(unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'rules-long' }, events: [{ bluetooth: 'b'.repeat(257), time: [ts(1)] }] }));
    expect(long.code).toBe(status.INVALID_ARGUMENT);
    expect(long.details).toContain('events[0].bluetooth');
    expect((await unary<Events>(spec.query, 'GetEvents', { detectorIds: ['rules-long'] })).events ?? []).toEqual([]);
  });

  it('CreateDetectorLink takes max_seconds 1..86,400 and 1..1,000 sources, and refuses a self-link', async () => {
    const list = (dest: string) => unary<{ links?: unknown[] }>(v1Client(), 'ListLinks', { destDetectorId: dest }).then((r) => r.links ?? []);
    let v1: Client | undefined;
    function v1Client(): Client {
      if (v1) return v1;
      const pkg = loadPackageDefinition(loadSync(join(__dirname, '..', '..', 'proto', 'detectors', 'v1', 'detectors.proto'))) as never as { detectors: { v1: { DetectorsService: typeof Client } } };
      v1 = new pkg.detectors.v1.DetectorsService(junction.grpcAddress!, credentials.createInsecure());
      return v1;
    }
    const link = (dest: string, sources: Array<{ detectorId: string; maxSeconds: number }>) => unary(spec.collector, 'CreateDetectorLink', { destDetectorId: dest, srcDetectors: sources });

    await link('rules-dest', [
      { detectorId: 'rules-src-min', maxSeconds: 1 },
      { detectorId: 'rules-src-max', maxSeconds: 86_400 },
    ]);
    expect(await list('rules-dest')).toHaveLength(2);
    for (const maxSeconds of [0, 86_401, -5]) {
      const error = await grpcError(link('rules-dest-bad', [{ detectorId: 'rules-src', maxSeconds }]));
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.details).toContain('src_detectors[0].max_seconds');
    }
    expect((await grpcError(link('rules-dest-bad', []))).code).toBe(status.INVALID_ARGUMENT);
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ detectorId: `rules-many-${i}`, maxSeconds: 60 }));
    expect((await grpcError(link('rules-dest-bad', many(1001)))).code).toBe(status.INVALID_ARGUMENT);
    expect(await list('rules-dest-bad')).toEqual([]);
    await link('rules-dest-1000', many(1000));
    expect(await list('rules-dest-1000')).toHaveLength(1000);
    const self = await grpcError(link('rules-self', [{ detectorId: 'rules-self', maxSeconds: 60 }]));
    expect(self.code).toBe(status.INVALID_ARGUMENT);
    expect(await list('rules-self')).toEqual([]);
    v1?.close();
  });

  it('GetEvents takes 1 to 1,000 detector ids and refuses a range whose after is later than its before', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `rules-q-${i}`);
    expect((await unary<Events>(spec.query, 'GetEvents', { detectorIds: ids(1000) })).events ?? []).toEqual([]);
    const tooMany = await grpcError(unary(spec.query, 'GetEvents', { detectorIds: ids(1001) }));
    expect(tooMany.code).toBe(status.INVALID_ARGUMENT);
    expect(tooMany.details).toContain('detector_ids');

    await unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'rules-range' }, events: [{ wifi: 'w', time: [ts(10)] }] });
    const same = await unary<Events>(spec.query, 'GetEvents', { detectorIds: ['rules-range'], range: { after: ts(10), before: ts(11) } });
    expect(same.events).toHaveLength(1);
    const reversed = await grpcError(unary(spec.query, 'GetEvents', { detectorIds: ['rules-range'], range: { after: ts(11), before: ts(10) } }));
    expect(reversed.code).toBe(status.INVALID_ARGUMENT);
    expect(reversed.details).toContain('range');
  });

  it('stores HMAC-SHA256(DETECTORS_DEVICE_KEY, "<type>:<hash>") truncated to 32 hex characters as the device id', async () => {
    await unary(spec.collector, 'CreateEventLog', {
      loc: { detectorId: 'rules-hmac' },
      events: [
        { wifi: 'aa:bb:cc', time: [ts(30)] },
        { bluetooth: 'aa:bb:cc', time: [ts(20)] },
        { mobile: 'imsi-hash-1', time: [ts(10)] },
      ],
    });
    const expected = (type: string, hash: string) => createHmac('sha256', DEVICE_KEY).update(`${type}:${hash}`).digest('hex').slice(0, 32);
    const answer = await unary<Events>(spec.query, 'GetEvents', { detectorIds: ['rules-hmac'] });
    expect(answer.events!.map((e) => e.deviceId)).toEqual([expected('wifi', 'aa:bb:cc'), expected('bluetooth', 'aa:bb:cc'), expected('mobile', 'imsi-hash-1')]);
  });

  it('StreamEventLog: an invalid message ends the stream with INVALID_ARGUMENT naming message[i]; a closed batch stays stored, the open one does not', async () => {
    const error = await new Promise<ServiceError>((resolve, reject) => {
      const stream = (spec.collector as never as Record<string, (cb: (e: ServiceError | null) => void) => { write(m: unknown): void; end(): void }>).StreamEventLog.call(spec.collector, (e) =>
        e ? resolve(e) : reject(new Error('expected the stream to fail')),
      );
      // message[0] reaches 1,024 timestamps and closes a batch; message[1] opens the next; message[2] is invalid.
      stream.write({ loc: { detectorId: 'rules-stream' }, events: [{ wifi: 'closed', time: Array.from({ length: 1100 }, (_, i) => ts(i)) }] });
      stream.write({ loc: { detectorId: 'rules-stream' }, events: [{ mobile: 'open', time: [ts(2000)] }] });
      stream.write({ loc: { detectorId: 'rules-stream' }, events: [{ time: [ts(3000)] }] });
      stream.write({ loc: { detectorId: 'rules-stream' }, events: [{ bluetooth: 'after', time: [ts(4000)] }] });
      stream.end();
    });
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toContain('message[2].');
    const stored = await unary<Events>(spec.query, 'GetEvents', { detectorIds: ['rules-stream'] });
    expect(stored.events!.map((e) => e.time.length)).toEqual([1100]);
  });

  it('health Watch answers SERVICE_UNKNOWN for an unknown service; reflection v1alpha lists the services', async () => {
    const healthPkg = loadPackageDefinition(loadSync(join(__dirname, '..', '..', 'proto', 'grpc', 'health', 'v1', 'health.proto'))) as never as { grpc: { health: { v1: { Health: typeof Client } } } };
    const health = new healthPkg.grpc.health.v1.Health(junction.grpcAddress!, credentials.createInsecure());
    const watched = await new Promise<unknown>((resolve, reject) => {
      const call = (health as never as Record<string, (r: unknown) => NodeJS.EventEmitter & { cancel(): void }>).Watch.call(health, { service: 'nope.Nope' });
      call.on('data', (d: unknown) => {
        resolve(d);
        call.cancel();
      });
      call.on('error', (e: ServiceError) => (e.code === status.CANCELLED ? undefined : reject(e)));
    });
    expect(watched).toEqual({ status: 3 });
    health.close();

    const reflectionProto = require.resolve('@grpc/reflection/build/proto/grpc/reflection/v1alpha/reflection.proto');
    const reflectionPkg = loadPackageDefinition(loadSync(reflectionProto)) as never as { grpc: { reflection: { v1alpha: { ServerReflection: typeof Client } } } };
    const reflection = new reflectionPkg.grpc.reflection.v1alpha.ServerReflection(junction.grpcAddress!, credentials.createInsecure());
    const services = await new Promise<string[]>((resolve, reject) => {
      const call = (reflection as never as Record<string, () => NodeJS.EventEmitter & { write(m: unknown): void; end(): void }>).ServerReflectionInfo.call(reflection);
      call.on('data', (d: { listServicesResponse?: { service: Array<{ name: string }> } }) => {
        resolve((d.listServicesResponse?.service ?? []).map((s) => s.name));
        call.end();
      });
      call.on('error', reject);
      call.write({ listServices: '' });
    });
    expect(services).toEqual(expect.arrayContaining(['collector.CollectorService', 'query.QueryService', 'detectors.v1.DetectorsService', 'grpc.health.v1.Health']));
    reflection.close();
  });
});
