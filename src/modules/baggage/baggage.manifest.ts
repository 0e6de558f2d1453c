import type { ModuleManifest } from '@libs/platform';
import { BaggageModule } from './baggage.module';

export const baggageManifest: ModuleManifest = {
  name: 'baggage',
  summary: 'Kafka flight/bag streams into Redis (Lua), arriving-flight work items, test data producer',
  provides: [],
  requires: [],
  publishes: [],
  consumes: [],
  grpc: [],
  infrastructure: ['kafka', 'redis', 'etcd'],
  config: { owner: 'baggage', keys: [] },
  register: (options) => BaggageModule.register(options),
};
