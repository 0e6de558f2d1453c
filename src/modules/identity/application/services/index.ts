export * from './at-most-once.service';
export * from './credentials.service';
export * from './login-throttle.service';
export * from './sessions.service';
export * from './token-revocations.service';
export * from './store-errors';
export * from './identity-metrics';
