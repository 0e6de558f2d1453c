export * from './logger';
export * from './nest-logger';
export * from './request-context';
export type { Logger as PinoLogger } from 'pino';
