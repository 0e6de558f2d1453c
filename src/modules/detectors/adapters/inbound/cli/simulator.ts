import { ChannelCredentials, Client, Metadata, credentials, loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@libs/contracts';
import { Scenario, Sighting, buildScenario } from './traffic-model';

export type SendMode = 'unary' | 'stream' | 'mixed';

export interface SimulationOptions {
  /** host:port of the gRPC server (collector + query + detectors.v1). */
  target: string;
  detectors: number;
  devices: number;
  /** Events sent per second at most (0 = as fast as the server takes them). */
  rate: number;
  /** Simulated seconds over which devices enter the road. */
  duration: number;
  mode: SendMode;
  seed: number;
  idPrefix: string;
  /** Sightings per EventLog message. */
  batch: number;
  credentials?: ChannelCredentials;
  /** Clock of the simulation's end (default now). */
  endMs?: number;
}

export interface SimulationSummary {
  target: string;
  mode: SendMode;
  detectors: string[];
  devices: number;
  events_sent: number;
  unary_calls: number;
  streams: number;
  accepted_by_streams: { mobile: number; bluetooth: number; wifi: number };
  seconds: number;
  events_per_second: number;
  simulated_from: string;
  simulated_to: string;
  links: Array<{ src: string; dest: string; max_seconds: number; true_seconds: number; passages: number }>;
}

export type ProgressFn = (sent: number, total: number) => void;

type Unary = (request: unknown, metadata: Metadata, options: { deadline: number }, callback: (error: Error | null, response?: unknown) => void) => void;
type StreamCall = (callback: (error: Error | null, response?: unknown) => void) => { write(message: unknown): boolean; end(): void; once(event: 'drain', fn: () => void): void };

/** gRPC clients of the three detector services, from the repository's .proto files. */
export function detectorClients(target: string, creds: ChannelCredentials = credentials.createInsecure()): { collector: Client; query: Client; detectors: Client; close(): void } {
  const definition = loadSync([protoPath('collector/collector.proto'), protoPath('query/query.proto'), protoPath('detectors/v1/detectors.proto')], { keepCase: true, defaults: true, longs: Number, enums: String });
  const pkg = loadPackageDefinition(definition) as unknown as {
    collector: { CollectorService: new (t: string, c: ChannelCredentials) => Client };
    query: { QueryService: new (t: string, c: ChannelCredentials) => Client };
    detectors: { v1: { DetectorsService: new (t: string, c: ChannelCredentials) => Client } };
  };
  const collector = new pkg.collector.CollectorService(target, creds);
  const query = new pkg.query.QueryService(target, creds);
  const detectors = new pkg.detectors.v1.DetectorsService(target, creds);
  return { collector, query, detectors, close: () => [collector, query, detectors].forEach((c) => c.close()) };
}

export function call<T>(client: Client, method: string, request: unknown, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    (client as unknown as Record<string, Unary>)[method].call(client, request, new Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(error) : resolve(response as T)));
  });
}

function toEventLog(detectorId: string, sightings: Sighting[]): unknown {
  return {
    loc: { detector_id: detectorId, latitude: 0, longitude: 0 },
    events: sightings.map((s) => ({
      time: s.timesMs.map((ms) => ({ seconds: Math.floor(ms / 1000), nanos: Math.floor((ms % 1000) * 1e6) })),
      [s.kind]: s.deviceHash,
    })),
  };
}

/**
 * Builds the scenario, declares links, coordinates and statuses (unary), then sends every sighting as EventLogs over
 * CreateEventLog (unary), StreamEventLog (client stream) or both alternately.
 */
export async function runSimulation(options: SimulationOptions, onProgress: ProgressFn = () => undefined): Promise<{ summary: SimulationSummary; scenario: Scenario }> {
  const scenario = buildScenario({ detectors: options.detectors, devices: options.devices, durationSeconds: options.duration, endMs: options.endMs ?? Date.now(), seed: options.seed, idPrefix: options.idPrefix });
  const clients = detectorClients(options.target, options.credentials);
  const started = performance.now();
  let unaryCalls = 0;
  let streams = 0;
  let sent = 0;
  const accepted = { mobile: 0, bluetooth: 0, wifi: 0 };
  try {
    for (const [i, id] of scenario.detectorIds.entries()) {
      await call(clients.collector, 'CreateCoordinates', { detector_id: id, latitude: 5_220_000 + i * 150, longitude: 2_100_000 + i * 90 });
      await call(clients.collector, 'CreateDetectorStatus', { loc: { detector_id: id }, active_detectors: ['WIFI', 'BLUETOOTH', 'MOBILE'], battery_voltage: 12.6 - i * 0.01, detection_count: { 2: 0 } });
      unaryCalls += 2;
    }
    for (const link of scenario.links) {
      await call(clients.collector, 'CreateDetectorLink', { dest_detector_id: link.dest, src_detectors: [{ detector_id: link.src, max_seconds: link.maxSeconds }] });
      unaryCalls++;
    }

    // Messages: consecutive sightings of one detector, `batch` at a time, in time order.
    const messages: Array<{ log: unknown; events: number }> = [];
    const pending = new Map<string, Sighting[]>();
    const emit = (id: string): void => {
      const list = pending.get(id) ?? [];
      if (list.length === 0) return;
      messages.push({ log: toEventLog(id, list), events: list.reduce((s, x) => s + x.timesMs.length, 0) });
      pending.set(id, []);
    };
    for (const s of scenario.sightings) {
      const list = pending.get(s.detectorId) ?? [];
      list.push(s);
      pending.set(s.detectorId, list);
      if (list.length >= options.batch) emit(s.detectorId);
    }
    for (const id of pending.keys()) emit(id);

    const throttle = async (): Promise<void> => {
      if (options.rate <= 0) return;
      const due = started + (sent / options.rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    };
    const sendUnary = async (message: { log: unknown; events: number }): Promise<void> => {
      await throttle();
      await call(clients.collector, 'CreateEventLog', message.log);
      unaryCalls++;
      sent += message.events;
      onProgress(sent, scenario.events);
    };
    const sendStream = async (chunk: Array<{ log: unknown; events: number }>): Promise<void> => {
      streams++;
      const response = await new Promise<{ mobile: number; bluetooth: number; wifi: number }>((resolve, reject) => {
        const stream = (clients.collector as unknown as Record<string, StreamCall>).StreamEventLog.call(clients.collector, (error, r) => (error ? reject(error) : resolve(r as never)));
        void (async () => {
          for (const message of chunk) {
            await throttle();
            if (!stream.write(message.log)) await new Promise<void>((r) => stream.once('drain', r));
            sent += message.events;
            onProgress(sent, scenario.events);
          }
          stream.end();
        })().catch(reject);
      });
      accepted.mobile += Number(response.mobile);
      accepted.bluetooth += Number(response.bluetooth);
      accepted.wifi += Number(response.wifi);
    };

    const STREAM_MESSAGES = 200;
    for (let i = 0; i < messages.length; ) {
      const useStream = options.mode === 'stream' || (options.mode === 'mixed' && Math.floor(i / STREAM_MESSAGES) % 2 === 0);
      if (useStream) {
        await sendStream(messages.slice(i, i + STREAM_MESSAGES));
        i += STREAM_MESSAGES;
      } else {
        const end = options.mode === 'unary' ? messages.length : Math.min(messages.length, i + STREAM_MESSAGES);
        // A few unary calls in flight at once.
        const slice = messages.slice(i, end);
        for (let j = 0; j < slice.length; j += 8) await Promise.all(slice.slice(j, j + 8).map(sendUnary));
        i = end;
      }
    }
  } finally {
    clients.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    scenario,
    summary: {
      target: options.target,
      mode: options.mode,
      detectors: scenario.detectorIds,
      devices: options.devices,
      events_sent: sent,
      unary_calls: unaryCalls,
      streams,
      accepted_by_streams: accepted,
      seconds: Math.round(seconds * 1000) / 1000,
      events_per_second: Math.round(sent / seconds),
      simulated_from: new Date(scenario.startMs).toISOString(),
      simulated_to: new Date(scenario.endMs).toISOString(),
      links: scenario.links.map((l) => ({ src: l.src, dest: l.dest, max_seconds: l.maxSeconds, true_seconds: l.trueSeconds, passages: l.passages })),
    },
  };
}
