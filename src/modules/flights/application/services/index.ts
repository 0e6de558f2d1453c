export * from './caller-authenticator';
export * from './airport-access';
export * from './flights-metrics';
