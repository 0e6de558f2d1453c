export * from './detectors-errors';
export * from './detector-id';
export * from './device';
export * from './detection';
export * from './detector-status';
export * from './link';
export * from './travel-time';
export * from './event-log';
