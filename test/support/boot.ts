import { Writable } from 'node:stream';
import { JunctionApp, startJunction } from '../../src/bootstrap';

export interface BootedForTest extends JunctionApp {
  /** Every log line the process wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  rawLogs: () => string;
}

/** Boots a real Junction process in-memory for supertest: ports 0, logs captured instead of printed. */
export async function bootForTest(env: Record<string, string | undefined> = {}): Promise<BootedForTest> {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const app = await startJunction({
    // ADAPTERS and the servers' URLs come from the environment (npm run test:infra sets them).
    // IDENTITY_JWT_SECRET is required with ADAPTERS=real; tests get a fixed throwaway one unless they set their own.
    env: {
      IDENTITY_JWT_SECRET: 'test-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      DETECTORS_DEVICE_KEY: 'test-only-device-key-0123456789abcdefghijklmnop',
      // Suites register many accounts from 127.0.0.1 (and share Redis counters between runs with real adapters); the
      // per-IP registration limit (default 5/hour) is tested on its own with a low value.
      IDENTITY_REGISTRATIONS_PER_IP: '1000000',
      // Tests never reach the real OpenSky: no scheduled collection, and its URLs point where nothing listens.
      FLIGHTS_COLLECTOR_ENABLED: 'false',
      OPENSKY_API_URL: 'http://127.0.0.1:1/api',
      OPENSKY_TOKEN_URL: 'http://127.0.0.1:1/token',
      ...process.env,
      PORT: '0',
      GRPC_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ADAPTERS: process.env.ADAPTERS ?? 'memory',
      NODE_ENV: 'test',
      ...env,
    },
    logDestination: destination,
  });
  const rawLogs = (): string => chunks.join('');
  // A live getter (Object.assign would copy a snapshot of it).
  return Object.defineProperties(app, {
    rawLogs: { value: rawLogs },
    logs: { get: () => rawLogs().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) },
  }) as BootedForTest;
}
