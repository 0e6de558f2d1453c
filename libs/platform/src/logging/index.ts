export * from './logger';
export * from './nest-logger';
export * from './request-context';
export { Logger as PinoLogger } from 'pino';
