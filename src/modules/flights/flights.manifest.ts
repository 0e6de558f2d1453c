import { AIRPORT_TRAFFIC_COLLECTED_V1, THRESHOLD_ALERT_V1, USER_DELETED_V1 } from '@libs/contracts';
import type { ModuleManifest } from '@libs/platform';
import { FLIGHTS_CONFIG } from './flights.config';
import { FlightsModule } from './flights.module';

export const flightsManifest: ModuleManifest = {
  name: 'flights',
  summary: 'Airport interests, OpenSky collection, flight graph in Neo4j, statistics, threshold alerts',
  provides: [],
  requires: ['identity'],
  publishes: [AIRPORT_TRAFFIC_COLLECTED_V1, THRESHOLD_ALERT_V1],
  // Threshold alerts are consumed by flights' own notifier (GET /alerts).
  consumes: [USER_DELETED_V1, THRESHOLD_ALERT_V1],
  grpc: [],
  // etcd elects the one collector and locks each cycle.
  infrastructure: ['neo4j', 'kafka', 'etcd'],
  config: FLIGHTS_CONFIG,
  register: (options) => FlightsModule.register(options),
};
