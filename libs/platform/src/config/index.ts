export * from './config-schema';
export * from './config-error';
export * from './read-config';
export * from './platform-config';
export * from './loopback-host';
