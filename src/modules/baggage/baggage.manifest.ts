import type { ModuleManifest } from '@libs/platform';
import { BAGGAGE_CONFIG } from './baggage.config';
import { BaggageModule } from './baggage.module';

export const baggageManifest: ModuleManifest = {
  name: 'baggage',
  summary: 'Kafka flight/bag streams into Redis (Lua), arriving-flight work items, test data producer',
  provides: [],
  // The REST queries are @Authenticated(): tokens are verified through the identity facade.
  requires: ['identity'],
  publishes: [],
  consumes: [],
  grpc: [],
  // kafka: the original's wire topics (flights, bags, arriving_flight_work); etcd: the work producer's election.
  infrastructure: ['kafka', 'redis', 'etcd'],
  config: BAGGAGE_CONFIG,
  register: (options) => BaggageModule.register(options),
};
