import type { ModuleManifest } from '@libs/platform';
import { ORDERS_CONFIG } from './orders.config';
import { OrdersModule } from './orders.module';

export const ordersManifest: ModuleManifest = {
  name: 'orders',
  summary: 'Order API and a Kafka saga (orchestrator + validators), event log, feature toggles',
  provides: [],
  requires: ['identity'],
  publishes: [],
  consumes: [],
  grpc: [],
  infrastructure: ['postgres', 'kafka', 'etcd'],
  config: ORDERS_CONFIG,
  register: (options) => OrdersModule.register(options),
};
