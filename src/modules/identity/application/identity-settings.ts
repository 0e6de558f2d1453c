/** identity's configuration, read and validated once from its config slice (identity.config.ts). */
export interface IdentitySettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Failed logins per (account, client IP) within the window before that IP's logins to that account get 429. */
  loginMaxFailuresPerAccountAndIp: number;
  /** Failed logins per client IP within the window before its logins are refused with 429. */
  loginMaxFailuresPerIp: number;
  loginFailureWindowSeconds: number;
  /** Failed logins per account (all IPs) within the window from which unknown addresses get exponential delays. */
  loginAccountDelayAfter: number;
  loginAccountDelayMaxSeconds: number;
  /** How long an address an account logged in from is exempt from that account's delays. */
  loginKnownAddressDays: number;
  /** How long a token check may reuse a "not revoked" answer (other replicas see a revocation within this). */
  revocationCacheMs: number;
  idempotencyRetentionSeconds: number;
  /** New accounts one client IP may create within the registration window; beyond it, 429. */
  registrationsPerIp: number;
  registrationWindowSeconds: number;
  /** How long a PROCESSING record holds its key: a crashed request frees it after this. */
  idempotencyLeaseSeconds: number;
  /** Accounts with these (normalised) emails get the `admin` role in their tokens. */
  adminEmails: ReadonlySet<string>;
  /**
   * Key of the HMAC that fingerprints request bodies for at-most-once (bodies carry passwords: a plain hash stored in
   * Redis for 24 h could be brute-forced offline; a keyed one cannot without this key).
   */
  fingerprintKey: string;
}

/** DI token of the IdentitySettings object. */
export const IDENTITY_SETTINGS = 'identity:settings';
