export * from './metrics.service';
export * from './metrics.controller';
export * from './metrics-access';
export * from './metrics-listener';
