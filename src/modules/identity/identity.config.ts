import { availableParallelism } from 'node:os';
import { createHmac, randomBytes } from 'node:crypto';
import { AdapterMode, AppConfig, ConfigError, ConfigSlice } from '@libs/platform';
import type { IdentitySettings } from './application/identity-settings';

const MIN_SECRET_LENGTH = 32;

/** identity's config slice (read only when identity is booted). Every key is in .env.example. */
export const IDENTITY_CONFIG: ConfigSlice = {
  owner: 'identity',
  keys: [
    {
      name: 'IDENTITY_JWT_SECRET',
      kind: 'string',
      secret: true,
      description: `HMAC-SHA256 key of access tokens, at least ${MIN_SECRET_LENGTH} characters. Required with ADAPTERS=real; with memory adapters a random per-process key is used when unset (tokens then die with the process)`,
      example: 'replace-with-at-least-32-random-characters',
    },
    { name: 'IDENTITY_ACCESS_TOKEN_TTL_SECONDS', kind: 'int', min: 60, max: 86_400, default: '900', description: 'Lifetime of access tokens (JWT)' },
    { name: 'IDENTITY_REFRESH_TOKEN_TTL_SECONDS', kind: 'int', min: 300, max: 31_536_000, default: '2592000', description: 'Idle lifetime of a refresh-token family (each refresh extends it)' },
    { name: 'IDENTITY_LOGIN_MAX_FAILURES', kind: 'int', min: 1, max: 10_000, default: '5', description: 'Failed logins per account from one client IP within the window before that IP gets 429 for that account (other IPs are unaffected)' },
    { name: 'IDENTITY_LOGIN_MAX_FAILURES_PER_IP', kind: 'int', min: 1, max: 1_000_000, default: '50', description: 'Failed logins per client IP within the window before its logins get 429' },
    { name: 'IDENTITY_LOGIN_FAILURE_WINDOW_SECONDS', kind: 'int', min: 1, max: 86_400, default: '900', description: 'Window in which failed logins are counted' },
    { name: 'IDENTITY_LOGIN_ACCOUNT_DELAY_AFTER', kind: 'int', min: 1, max: 100_000, default: '10', description: 'Failed logins per account from all IPs within the window from which the account takes one attempt per delay from addresses it never logged in from (1 s, doubling per failure)' },
    { name: 'IDENTITY_LOGIN_ACCOUNT_DELAY_MAX_SECONDS', kind: 'int', min: 1, max: 3_600, default: '60', description: 'Longest account-wide delay between login attempts from unknown addresses' },
    { name: 'IDENTITY_LOGIN_KNOWN_ADDRESS_DAYS', kind: 'int', min: 0, max: 365, default: '30', description: 'How long a client IP an account logged in from skips that account\'s delays (0 = never)' },
    { name: 'IDENTITY_REVOCATION_CACHE_MS', kind: 'int', min: 0, max: 60_000, default: '1000', description: 'How long a token check reuses a "session not revoked" answer; other replicas honour a logout or deletion within this' },
    { name: 'IDENTITY_REGISTRATIONS_PER_IP', kind: 'int', min: 1, max: 1_000_000, default: '5', description: 'New accounts one client IP may create within the registration window (all registration routes); beyond it, 429 + Retry-After' },
    { name: 'IDENTITY_REGISTRATION_WINDOW_SECONDS', kind: 'int', min: 1, max: 86_400, default: '3600', description: 'Window in which new accounts per client IP are counted' },
    { name: 'IDENTITY_IDEMPOTENCY_TTL_SECONDS', kind: 'int', min: 60, max: 604_800, default: '86400', description: 'How long a completed at-most-once response is kept for replays' },
    { name: 'IDENTITY_IDEMPOTENCY_LEASE_SECONDS', kind: 'int', min: 1, max: 600, default: '30', description: 'How long an in-flight at-most-once request holds its key (a crashed request frees it after this)' },
    { name: 'IDENTITY_ADMIN_EMAILS', kind: 'list', default: '', description: 'Comma-separated emails whose tokens carry the admin role (may read any account)', example: 'ops@example.com' },
    { name: 'IDENTITY_HASH_CONCURRENCY', kind: 'int', min: 0, max: 256, default: '0', description: 'argon2id hashes computed at once (0 = one per CPU core)' },
    { name: 'IDENTITY_HASH_QUEUE_LIMIT', kind: 'int', min: 0, max: 100_000, default: '16', description: 'argon2id hashes allowed to wait; beyond this, registrations and logins are shed with 503 + Retry-After' },
    { name: 'IDENTITY_DEMO_DATA', kind: 'bool', default: 'true', description: 'With ADAPTERS=memory: create the demo account demo@junction.dev (password junction-demo-password)' },
  ],
};

export interface IdentityModuleSettings {
  app: IdentitySettings;
  jwtSecret: string;
  /** True when no secret was configured (memory adapters only). */
  jwtSecretGenerated: boolean;
  hashConcurrency: number;
  hashQueueLimit: number;
  demoData: boolean;
}

/** Reads the slice and the rules the schema cannot express, reporting every problem at once. */
export function readIdentitySettings(config: AppConfig, adapters: AdapterMode): IdentityModuleSettings {
  const problems: string[] = [];
  const configured = config.optionalString('IDENTITY_JWT_SECRET');
  if (configured === undefined && adapters === 'real') problems.push('IDENTITY_JWT_SECRET is required with ADAPTERS=real (identity: HMAC-SHA256 key of access tokens)');
  if (configured !== undefined && configured.length < MIN_SECRET_LENGTH) problems.push(`IDENTITY_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters (value hidden)`);
  if (problems.length > 0) throw new ConfigError(problems);
  const concurrency = config.int('IDENTITY_HASH_CONCURRENCY');
  const jwtSecret = configured ?? randomBytes(48).toString('base64url');
  return {
    app: {
      accessTokenTtlSeconds: config.int('IDENTITY_ACCESS_TOKEN_TTL_SECONDS'),
      refreshTokenTtlSeconds: config.int('IDENTITY_REFRESH_TOKEN_TTL_SECONDS'),
      loginMaxFailuresPerAccountAndIp: config.int('IDENTITY_LOGIN_MAX_FAILURES'),
      loginMaxFailuresPerIp: config.int('IDENTITY_LOGIN_MAX_FAILURES_PER_IP'),
      loginFailureWindowSeconds: config.int('IDENTITY_LOGIN_FAILURE_WINDOW_SECONDS'),
      loginAccountDelayAfter: config.int('IDENTITY_LOGIN_ACCOUNT_DELAY_AFTER'),
      loginAccountDelayMaxSeconds: config.int('IDENTITY_LOGIN_ACCOUNT_DELAY_MAX_SECONDS'),
      loginKnownAddressDays: config.int('IDENTITY_LOGIN_KNOWN_ADDRESS_DAYS'),
      revocationCacheMs: config.int('IDENTITY_REVOCATION_CACHE_MS'),
      idempotencyRetentionSeconds: config.int('IDENTITY_IDEMPOTENCY_TTL_SECONDS'),
      registrationsPerIp: config.int('IDENTITY_REGISTRATIONS_PER_IP'),
      registrationWindowSeconds: config.int('IDENTITY_REGISTRATION_WINDOW_SECONDS'),
      idempotencyLeaseSeconds: config.int('IDENTITY_IDEMPOTENCY_LEASE_SECONDS'),
      adminEmails: new Set(config.list('IDENTITY_ADMIN_EMAILS').map((e) => e.trim().toLowerCase())),
      // Derived, so one secret serves both purposes and a token key is never used directly as a fingerprint key.
      fingerprintKey: createHmac('sha256', jwtSecret).update('identity/idempotency-fingerprint/v1').digest('base64url'),
    },
    jwtSecret,
    jwtSecretGenerated: configured === undefined,
    hashConcurrency: concurrency > 0 ? concurrency : availableParallelism(),
    hashQueueLimit: config.int('IDENTITY_HASH_QUEUE_LIMIT'),
    demoData: config.bool('IDENTITY_DEMO_DATA'),
  };
}
