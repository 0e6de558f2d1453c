import { AdapterMode, AppConfig, ConfigError, ConfigSlice } from '@libs/platform';
import type { DetectorsSettings } from './application/detectors-settings';

const MIN_KEY_LENGTH = 32;
/** Only with ADAPTERS=memory: a fixed development key (pseudonyms then mean nothing outside this machine). */
export const DEV_DEVICE_KEY = 'junction-dev-only-device-key-do-not-use-in-production';

/** detectors' config slice (read only when detectors is booted). Every key is in .env.example. */
export const DETECTORS_CONFIG: ConfigSlice = {
  owner: 'detectors',
  keys: [
    {
      name: 'DETECTORS_DEVICE_KEY',
      kind: 'string',
      secret: true,
      description: `HMAC-SHA256 key that turns detector-supplied device hashes into stored pseudonyms, at least ${MIN_KEY_LENGTH} characters; rotate by changing it. Required with ADAPTERS=real; memory adapters use a fixed development key when unset`,
      example: 'replace-with-at-least-32-random-characters',
    },
    { name: 'DETECTORS_ETCD_PREFIX', kind: 'string', default: 'tdc', description: "etcd key prefix (the original server's default is tdc)" },
    { name: 'DETECTORS_RETENTION_SECONDS', kind: 'int', min: 60, max: 2_592_000, default: '86400', description: 'Detections and status reports expire this long after they are stored (an etcd lease)' },
    { name: 'DETECTORS_WINDOW_SECONDS', kind: 'int', min: 10, max: 86_400, default: '900', description: 'Rolling window of travel-time estimation' },
    { name: 'DETECTORS_MIN_SAMPLES', kind: 'int', min: 1, max: 100_000, default: '5', description: 'Below this many samples a link reports insufficient data' },
    { name: 'DETECTORS_WORKERS', kind: 'bool', default: 'true', description: 'Run travel-time workers in this process (they share destinations through etcd locks with ADAPTERS=real)' },
    { name: 'DETECTORS_WORKER_INTERVAL_MS', kind: 'int', min: 100, max: 3_600_000, default: '5000', description: 'How often workers recompute travel times and rebalance destinations' },
    { name: 'DETECTORS_LOCK_TTL_SECONDS', kind: 'int', min: 1, max: 600, default: '10', description: "Lease of a worker's destination locks: how long a dead worker's destinations wait before another takes them" },
    { name: 'DETECTORS_MAX_EVENTS_PER_LOG', kind: 'int', min: 1, max: 1_000_000, default: '10000', description: 'Timestamps one EventLog may carry (more → INVALID_ARGUMENT)' },
    { name: 'DETECTORS_QUERY_MAX_EVENTS', kind: 'int', min: 1, max: 1_000_000, default: '100000', description: 'Events one GetEvents/StreamEvents answer returns per detector at most (limit 0 means this many)' },
  ],
};

export interface DetectorsModuleSettings {
  app: DetectorsSettings;
  deviceKey: string;
  etcdPrefix: string;
  retentionSeconds: number;
  lockTtlSeconds: number;
}

/** Reads the slice and the rules the schema cannot express, reporting every problem at once. */
export function readDetectorsSettings(config: AppConfig, adapters: AdapterMode): DetectorsModuleSettings {
  const problems: string[] = [];
  const key = config.optionalString('DETECTORS_DEVICE_KEY');
  if (key === undefined && adapters === 'real') problems.push('DETECTORS_DEVICE_KEY is required with ADAPTERS=real (detectors: HMAC key of device pseudonyms)');
  if (key !== undefined && key.length < MIN_KEY_LENGTH) problems.push(`DETECTORS_DEVICE_KEY must be at least ${MIN_KEY_LENGTH} characters (value hidden)`);
  const prefix = config.string('DETECTORS_ETCD_PREFIX');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(prefix)) problems.push('DETECTORS_ETCD_PREFIX must be 1-64 characters of A-Z a-z 0-9 . _ -');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    app: {
      windowSeconds: config.int('DETECTORS_WINDOW_SECONDS'),
      minSamples: config.int('DETECTORS_MIN_SAMPLES'),
      iqrFactor: 1.5,
      maxDetectionsPerLog: config.int('DETECTORS_MAX_EVENTS_PER_LOG'),
      queryMaxEventsPerDetector: config.int('DETECTORS_QUERY_MAX_EVENTS'),
      queryMaxDetectors: 1000,
      maxFutureSkewSeconds: 86_400,
      workerIntervalMs: config.int('DETECTORS_WORKER_INTERVAL_MS'),
      runWorkers: config.bool('DETECTORS_WORKERS'),
    },
    deviceKey: key ?? DEV_DEVICE_KEY,
    etcdPrefix: prefix,
    retentionSeconds: config.int('DETECTORS_RETENTION_SECONDS'),
    lockTtlSeconds: config.int('DETECTORS_LOCK_TTL_SECONDS'),
  };
}
