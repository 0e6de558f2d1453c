import { Client, ServiceError, credentials, loadPackageDefinition, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';
import request from 'supertest';
import { eventually } from '@libs/testing';
import { BootedForTest, bootForTest } from '../support/boot';
import { specClients, grpcError, unary } from '../support/detectors-spec-clients';

const NOW_S = Math.floor(Date.now() / 1000) - 3600;
const ts = (offset: number, nanos = 0) => ({ seconds: NOW_S + offset, nanos });
const secondsOf = (t: { seconds: unknown }) => Number(String(t.seconds)) - NOW_S;

describe('detectors (memory adapters, gRPC + REST)', () => {
  let junction: BootedForTest;
  let spec: ReturnType<typeof specClients>;
  let token: string;

  beforeAll(async () => {
    junction = await bootForTest({ MODULES: 'identity,detectors', ADAPTERS: 'memory', DETECTORS_WORKER_INTERVAL_MS: '200', DETECTORS_WINDOW_SECONDS: '86400' });
    spec = specClients(junction.grpcAddress!);
    const login = await request(junction.httpUrl).post('/auth/login').send({ email: 'demo@junction.dev', password: 'junction-demo-password' });
    token = login.body.access_token;
  });

  afterAll(async () => {
    spec?.close();
    await junction?.close();
  });

  it('stores an event log (one event per timestamp) and GetEvents groups per (detector, device), newest first, honouring limit and range', async () => {
    await unary(spec.collector, 'CreateEventLog', {
      loc: { detectorId: 'e2e-a' },
      events: [
        { wifi: 'raw-wifi-hash-1', time: [ts(10), ts(30, 5)] },
        { bluetooth: 'raw-bt-hash-2', time: [ts(20)] },
        { mobile: 'raw-mobile-hash-3', time: [ts(500)] },
      ],
    });
    const all = await unary<{ events: Array<{ detectorId: string; deviceId: string; time: Array<{ seconds: unknown; nanos: number }> }> }>(spec.query, 'GetEvents', { detectorIds: ['e2e-a'] });
    expect(all.events.map((e) => [e.detectorId, e.time.map(secondsOf)])).toEqual([
      ['e2e-a', [500]],
      ['e2e-a', [30, 10]],
      ['e2e-a', [20]],
    ]);
    expect(all.events[1].time[0].nanos).toBe(5);
    // Pseudonyms, never the raw ids.
    expect(all.events.map((e) => e.deviceId).join()).not.toContain('raw-');
    expect(all.events[0].deviceId).toMatch(/^[0-9a-f]{32}$/);

    const limited = await unary<{ events: Array<{ time: unknown[] }> }>(spec.query, 'GetEvents', { detectorIds: ['e2e-a'], limit: 2 });
    expect(limited.events.flatMap((e) => e.time).map((t) => secondsOf(t as never))).toEqual([500, 30]);
    const ranged = await unary<{ events: Array<{ time: unknown[] }> }>(spec.query, 'GetEvents', { detectorIds: ['e2e-a'], range: { after: ts(20), before: ts(500) } });
    expect(ranged.events.flatMap((e) => e.time).map((t) => secondsOf(t as never))).toEqual([30, 20]);
    expect(junction.rawLogs()).not.toContain('raw-wifi-hash-1');
  });

  it('never lets xxx-1 match xxx-10; unknown detectors have no events', async () => {
    await unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'xxx-1' }, events: [{ wifi: 'w1', time: [ts(1)] }] });
    await unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'xxx-10' }, events: [{ wifi: 'w10', time: [ts(2)] }] });
    const one = await unary<{ events: Array<{ detectorId: string }> }>(spec.query, 'GetEvents', { detectorIds: ['xxx-1', 'nobody-here'] });
    expect(one.events.map((e) => e.detectorId)).toEqual(['xxx-1']);
  });

  it('refuses an event with no device branch (INVALID_ARGUMENT naming it) and stores nothing of that call', async () => {
    const error = await grpcError(unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'e2e-atomic' }, events: [{ wifi: 'ok', time: [ts(1)] }, { time: [ts(2)] }] }));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toContain('DETECTORS.NO_DEVICE');
    expect(error.details).toContain('events[1].device_id');
    const stored = await unary<{ events: unknown[] }>(spec.query, 'GetEvents', { detectorIds: ['e2e-atomic'] });
    expect(stored.events ?? []).toEqual([]);
    const noId = await grpcError(unary(spec.collector, 'CreateEventLog', { events: [{ wifi: 'x', time: [ts(1)] }] }));
    expect(noId.code).toBe(status.INVALID_ARGUMENT);
    expect(noId.details).toContain('loc.detector_id');
    const badQuery = await grpcError(unary(spec.query, 'GetEvents', { detectorIds: ['a/b'] }));
    expect(badQuery.code).toBe(status.INVALID_ARGUMENT);
    expect((await grpcError(unary(spec.query, 'GetEvents', { detectorIds: [] }))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('survives malformed and oversized messages', async () => {
    const raw = new Client(junction.grpcAddress!, credentials.createInsecure());
    const garbage = await new Promise<ServiceError>((resolve) =>
      raw.makeUnaryRequest('/collector.CollectorService/CreateEventLog', (b: Buffer) => b, (b: Buffer) => b, Buffer.from([0xff, 0xff, 0xff, 0x0a, 0x07]), (e) => resolve(e as ServiceError)),
    );
    expect([status.INVALID_ARGUMENT, status.INTERNAL]).toContain(garbage.code);
    const huge = await new Promise<ServiceError>((resolve) =>
      raw.makeUnaryRequest('/collector.CollectorService/CreateEventLog', (b: Buffer) => b, (b: Buffer) => b, Buffer.alloc(5 * 1024 * 1024, 1), (e) => resolve(e as ServiceError)),
    );
    expect(huge.code).toBe(status.RESOURCE_EXHAUSTED);
    raw.close();
    const many = await grpcError(unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'e2e-big' }, events: [{ wifi: 'x', time: Array.from({ length: 10_001 }, (_, i) => ts(i)) }] }));
    expect(many.code).toBe(status.INVALID_ARGUMENT);
    expect(many.details).toContain('DETECTORS.TOO_LARGE');
    // Still serving.
    await unary(spec.query, 'GetEvents', { detectorIds: ['e2e-a'] });
  });

  it('StreamEventLog counts accepted events per device type; StreamEvents streams the GetEvents selection', async () => {
    const counts = await new Promise<{ mobile: unknown; bluetooth: unknown; wifi: unknown }>((resolve, reject) => {
      const stream = (spec.collector as never as Record<string, (cb: (e: Error | null, r: never) => void) => { write(m: unknown): void; end(): void }>).StreamEventLog.call(spec.collector, (e, r) => (e ? reject(e) : resolve(r)));
      for (let i = 0; i < 30; i++) stream.write({ loc: { detectorId: 'e2e-stream' }, events: [{ mobile: `m${i}`, time: [ts(i)] }, { wifi: `w${i}`, time: [ts(i), ts(i + 1)] }] });
      stream.end();
    });
    expect([Number(String(counts.mobile)), Number(String(counts.wifi)), Number(String(counts.bluetooth))]).toEqual([30, 60, 0]);
    const streamed = await new Promise<Array<{ deviceId: string }>>((resolve, reject) => {
      const out: Array<{ deviceId: string }> = [];
      const call = (spec.query as never as Record<string, (r: unknown) => NodeJS.EventEmitter>).StreamEvents.call(spec.query, { detectorIds: ['e2e-stream'], limit: 10 });
      call.on('data', (d: { deviceId: string }) => out.push(d));
      call.on('error', reject);
      call.on('end', () => resolve(out));
    });
    const unaryAnswer = await unary<{ events: Array<{ deviceId: string }> }>(spec.query, 'GetEvents', { detectorIds: ['e2e-stream'], limit: 10 });
    expect(streamed.map((e) => e.deviceId)).toEqual(unaryAnswer.events.map((e) => e.deviceId));
    expect(streamed.length).toBeGreaterThan(0);
  });

  it('stores statuses and answers battery voltage history; stores coordinates', async () => {
    await unary(spec.collector, 'CreateCoordinates', { detectorId: 'e2e-s', latitude: 5_200_000, longitude: 2_100_000 });
    await unary(spec.collector, 'CreateDetectorStatus', { loc: { detectorId: 'e2e-s' }, activeDetectors: ['WIFI'], batteryVoltage: 12.5, detectionCount: { 2: 7 } });
    await unary(spec.collector, 'CreateDetectorStatus', { loc: { detectorId: 'e2e-s' }, batteryVoltage: 12.25 });
    const answer = await unary<{ reports: Array<{ detectorId: string; voltage: number[] }> }>(spec.query, 'GetBatteryVoltage', { detectorIds: ['e2e-s'] });
    expect(answer.reports).toEqual([{ detectorId: 'e2e-s', voltage: [12.25, 12.5] }]);
  });

  it('computes travel times for links and serves them over REST (authenticated) and detectors.v1', async () => {
    await unary(spec.collector, 'CreateDetectorLink', { destDetectorId: 'e2e-dest', srcDetectors: [{ detectorId: 'e2e-src', maxSeconds: 600 }] });
    const src = Array.from({ length: 12 }, (_, i) => ({ bluetooth: `car-${i}`, time: [ts(i * 10)] }));
    const dest = Array.from({ length: 12 }, (_, i) => ({ bluetooth: `car-${i}`, time: [ts(i * 10 + 120 + (i % 3))] }));
    await unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'e2e-src' }, events: src });
    await unary(spec.collector, 'CreateEventLog', { loc: { detectorId: 'e2e-dest' }, events: dest });
    const http = request(junction.httpUrl);
    const res = await eventually(async () => {
      const r = await http.get('/detectors/links/e2e-src/e2e-dest/travel-time').set('authorization', `Bearer ${token}`);
      expect(r.body.status).toBe('ok');
      return r;
    }, 5000, 100);
    expect(res.body).toMatchObject({ src_detector_id: 'e2e-src', dest_detector_id: 'e2e-dest', count: 12, median_seconds: 121, min_seconds: 120, max_seconds: 122 });
    expect((await http.get('/detectors/travel-times?dest=e2e-dest').set('authorization', `Bearer ${token}`)).body.travel_times).toHaveLength(1);
    expect((await http.get('/detectors/links').set('authorization', `Bearer ${token}`)).body.links).toContainEqual({ src_detector_id: 'e2e-src', dest_detector_id: 'e2e-dest', max_seconds: 600 });
    expect((await http.get('/detectors/travel-times')).status).toBe(401);
    const missing = await http.get('/detectors/links/e2e-src/nowhere/travel-time').set('authorization', `Bearer ${token}`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('DETECTORS.LINK_NOT_FOUND');
    const bad = await http.get('/detectors/travel-times?dest=a%20b').set('authorization', `Bearer ${token}`);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ code: 'DETECTORS.INVALID_ARGUMENT', field: 'dest_detector_id' });

    const detectorsV1 = loadPackageDefinition(loadSync(join(__dirname, '..', '..', 'proto', 'detectors', 'v1', 'detectors.proto'))) as never as { detectors: { v1: { DetectorsService: typeof Client } } };
    const v1 = new detectorsV1.detectors.v1.DetectorsService(junction.grpcAddress!, credentials.createInsecure());
    const tt = await unary<{ status: string; medianSeconds: number }>(v1, 'GetTravelTime', { srcDetectorId: 'e2e-src', destDetectorId: 'e2e-dest' });
    expect(tt).toMatchObject({ status: 1, medianSeconds: 121 });
    expect((await grpcError(unary(v1, 'GetTravelTime', { srcDetectorId: 'e2e-src', destDetectorId: 'zzz' }))).code).toBe(status.NOT_FOUND);
    expect((await unary<{ links: unknown[] }>(v1, 'ListLinks', { destDetectorId: 'e2e-dest' })).links).toHaveLength(1);
    v1.close();
  });

  it('serves grpc.health.v1 (Check and Watch) and server reflection', async () => {
    const healthPkg = loadPackageDefinition(loadSync(join(__dirname, '..', '..', 'proto', 'grpc', 'health', 'v1', 'health.proto'))) as never as { grpc: { health: { v1: { Health: typeof Client } } } };
    const health = new healthPkg.grpc.health.v1.Health(junction.grpcAddress!, credentials.createInsecure());
    expect(await unary(health, 'Check', { service: '' })).toEqual({ status: 1 });
    expect(await unary(health, 'Check', { service: 'collector.CollectorService' })).toEqual({ status: 1 });
    expect((await grpcError(unary(health, 'Check', { service: 'nope.Nope' }))).code).toBe(status.NOT_FOUND);
    const watched = await new Promise<unknown>((resolve, reject) => {
      const call = (health as never as Record<string, (r: unknown) => NodeJS.EventEmitter & { cancel(): void }>).Watch.call(health, { service: 'query.QueryService' });
      call.on('data', (d: unknown) => {
        resolve(d);
        call.cancel();
      });
      call.on('error', (e: ServiceError) => (e.code === status.CANCELLED ? undefined : reject(e)));
    });
    expect(watched).toEqual({ status: 1 });
    health.close();

    const reflectionProto = require.resolve('@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto');
    const reflectionPkg = loadPackageDefinition(loadSync(reflectionProto)) as never as { grpc: { reflection: { v1: { ServerReflection: typeof Client } } } };
    const reflection = new reflectionPkg.grpc.reflection.v1.ServerReflection(junction.grpcAddress!, credentials.createInsecure());
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
