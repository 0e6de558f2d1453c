export * from './metrics.service';
export * from './metrics.controller';
