import { AdapterMode, AppConfig, ConfigError, ConfigSlice } from '@libs/platform';
import type { FlightsSettings } from './application/flights-settings';
import type { OpenSkySettings } from './adapters/outbound/opensky/opensky-flight-source';

/** flights' config slice (read only when flights is booted). Every key is in .env.example. */
export const FLIGHTS_CONFIG: ConfigSlice = {
  owner: 'flights',
  keys: [
    { name: 'OPENSKY_CLIENT_ID', kind: 'string', secret: true, description: 'OpenSky API client id (OAuth2 client credentials). Unset = anonymous access', example: 'my-opensky-client' },
    { name: 'OPENSKY_CLIENT_SECRET', kind: 'string', secret: true, description: 'OpenSky API client secret (OAuth2 client credentials)', example: 'replace-me' },
    { name: 'OPENSKY_API_URL', kind: 'url', schemes: ['http', 'https'], default: 'https://opensky-network.org/api', description: 'Base URL of the OpenSky REST API (tests point it at a local fake)' },
    {
      name: 'OPENSKY_TOKEN_URL',
      kind: 'url',
      schemes: ['http', 'https'],
      default: 'https://auth.opensky-network.org/auth/realms/opensky-network/protocol/openid-connect/token',
      description: 'OpenSky OAuth2 token endpoint',
    },
    { name: 'OPENSKY_DAILY_CREDITS', kind: 'int', min: 1, max: 10_000_000, default: '4000', description: 'Daily OpenSky credit budget; collection stops for the day (UTC) when it is spent' },
    { name: 'OPENSKY_TIMEOUT_MS', kind: 'int', min: 100, max: 300_000, default: '30000', description: 'Timeout of one OpenSky request' },
    { name: 'OPENSKY_RETRIES', kind: 'int', min: 0, max: 10, default: '2', description: 'Retries of an OpenSky request on transient errors (5xx, timeouts, refused connections), with exponential backoff' },
    { name: 'OPENSKY_BREAKER_THRESHOLD', kind: 'int', min: 1, max: 100, default: '3', description: 'Consecutive OpenSky failures that open its circuit breaker' },
    { name: 'OPENSKY_BREAKER_HALF_OPEN_MS', kind: 'int', min: 10, max: 3_600_000, default: '30000', description: 'How long the OpenSky breaker stays open before a trial request' },
    { name: 'FLIGHTS_SOURCE', kind: 'enum', values: ['auto', 'opensky', 'synthetic'], default: 'auto', description: 'Where flights come from: auto = synthetic with ADAPTERS=memory, OpenSky with ADAPTERS=real' },
    { name: 'COLLECTION_INTERVAL', kind: 'string', default: '12h', description: 'Time between collection cycles (s, m, h or d suffix; a bare number is seconds)', example: '12h' },
    { name: 'FLIGHTS_COLLECTION_LOOKBACK', kind: 'string', default: '2d', description: "How far back an airport's first collection reaches (s, m, h or d suffix)", example: '2d' },
    { name: 'FLIGHTS_COLLECTOR_ENABLED', kind: 'bool', default: 'true', description: 'Run the collector at start and every COLLECTION_INTERVAL (elected in etcd with ADAPTERS=real). POST /collector/runs works either way' },
    { name: 'FLIGHTS_RECONCILE_USERS', kind: 'bool', default: 'false', description: 'Also ask identity on every cycle whether each user still exists (fallback for missed identity.user-deleted.v1 events)' },
    { name: 'FLIGHTS_DEMO_DATA', kind: 'bool', default: 'true', description: 'With ADAPTERS=memory: give demo@junction.dev interests in LIRF and EGLL so the synthetic collection has something to show' },
    { name: 'FLIGHTS_IDENTITY_TIMEOUT_MS', kind: 'int', min: 100, max: 60_000, default: '5000', description: 'Timeout of one identity call (credential or token check)' },
    { name: 'FLIGHTS_IDENTITY_RETRIES', kind: 'int', min: 0, max: 10, default: '3', description: 'Retries of an identity call when identity is unavailable' },
    { name: 'FLIGHTS_IDENTITY_BREAKER_THRESHOLD', kind: 'int', min: 1, max: 100, default: '4', description: 'Consecutive identity failures that open the breaker (then routes needing identity answer 503)' },
    { name: 'FLIGHTS_IDENTITY_HALF_OPEN_MS', kind: 'int', min: 10, max: 3_600_000, default: '30000', description: 'How long the identity breaker stays open before a trial call' },
  ],
};

const DURATION = /^(\d{1,9})\s*(s|m|h|d)?$/i;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export function parseDurationSeconds(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's').toLowerCase()];
  return seconds > 0 ? seconds : undefined;
}

export type FlightSourceKind = 'opensky' | 'synthetic';

export interface FlightsModuleSettings {
  app: FlightsSettings;
  source: FlightSourceKind;
  collectorEnabled: boolean;
  demoData: boolean;
  /** The OpenSky adapter's settings that come from configuration (the rest is wired in flights.module.ts). */
  opensky: Omit<OpenSkySettings, 'initialBackoffMs' | 'onBreakerStateChange' | 'clock'>;
}

/** Reads the slice plus the rules the schema cannot express, reporting every problem at once. */
export function readFlightsSettings(config: AppConfig, adapters: AdapterMode): FlightsModuleSettings {
  const problems: string[] = [];
  const duration = (name: string, min: number): number => {
    const seconds = parseDurationSeconds(config.string(name));
    if (seconds === undefined || seconds < min) problems.push(`${name} must be a duration of at least ${min} s such as 90s, 30m, 12h or 2d`);
    return seconds ?? min;
  };
  const interval = duration('COLLECTION_INTERVAL', 1);
  const lookback = duration('FLIGHTS_COLLECTION_LOOKBACK', 60);
  const clientId = config.optionalString('OPENSKY_CLIENT_ID');
  const clientSecret = config.optionalString('OPENSKY_CLIENT_SECRET');
  if ((clientId === undefined) !== (clientSecret === undefined)) problems.push('OPENSKY_CLIENT_ID and OPENSKY_CLIENT_SECRET must be set together (or both left unset for anonymous access)');
  if (problems.length > 0) throw new ConfigError(problems);
  const sourceKey = config.string('FLIGHTS_SOURCE');
  return {
    app: {
      collectionIntervalSeconds: interval,
      lookbackSeconds: lookback,
      reconcileUsers: config.bool('FLIGHTS_RECONCILE_USERS'),
      identity: {
        timeoutMs: config.int('FLIGHTS_IDENTITY_TIMEOUT_MS'),
        retries: config.int('FLIGHTS_IDENTITY_RETRIES'),
        breakerThreshold: config.int('FLIGHTS_IDENTITY_BREAKER_THRESHOLD'),
        halfOpenMs: config.int('FLIGHTS_IDENTITY_HALF_OPEN_MS'),
      },
    },
    source: sourceKey === 'auto' ? (adapters === 'real' ? 'opensky' : 'synthetic') : (sourceKey as FlightSourceKind),
    collectorEnabled: config.bool('FLIGHTS_COLLECTOR_ENABLED'),
    demoData: config.bool('FLIGHTS_DEMO_DATA'),
    opensky: {
      apiUrl: config.string('OPENSKY_API_URL').replace(/\/+$/, ''),
      tokenUrl: config.string('OPENSKY_TOKEN_URL'),
      clientId,
      clientSecret,
      dailyCredits: config.int('OPENSKY_DAILY_CREDITS'),
      timeoutMs: config.int('OPENSKY_TIMEOUT_MS'),
      retries: config.int('OPENSKY_RETRIES'),
      breakerThreshold: config.int('OPENSKY_BREAKER_THRESHOLD'),
      halfOpenMs: config.int('OPENSKY_BREAKER_HALF_OPEN_MS'),
    },
  };
}
