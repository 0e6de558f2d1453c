import type { ModuleManifest } from '@libs/platform';
import { FlightsModule } from './flights.module';

export const flightsManifest: ModuleManifest = {
  name: 'flights',
  summary: 'Airport interests, OpenSky collection, flight graph in Neo4j, statistics, threshold alerts',
  provides: [],
  requires: ['identity'],
  publishes: ['flights.airport-traffic-collected.v1'],
  consumes: ['identity.user-deleted.v1'],
  grpc: [],
  infrastructure: ['neo4j', 'kafka', 'etcd'],
  config: { owner: 'flights', keys: [] },
  register: (options) => FlightsModule.register(options),
};
