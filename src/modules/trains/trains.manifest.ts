import type { ModuleManifest } from '@libs/platform';
import { TRAINS_CONFIG } from './trains.config';
import { TrainsModule } from './trains.module';

export const trainsManifest: ModuleManifest = {
  name: 'trains',
  summary: 'Station/train search, pricing, seat holds, ticket purchase, booking web page',
  provides: [],
  requires: ['identity'],
  publishes: [],
  consumes: [],
  grpc: [],
  infrastructure: ['postgres', 'redis'],
  config: TRAINS_CONFIG,
  register: (options) => TrainsModule.register(options),
};
