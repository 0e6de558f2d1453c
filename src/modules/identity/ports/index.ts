export * from './user-repository';
export * from './password-hasher';
export * from './idempotency-store';
export * from './refresh-token-store';
export * from './rate-limit-store';
export * from './access-token-codec';
export * from './session-revocation-store';
