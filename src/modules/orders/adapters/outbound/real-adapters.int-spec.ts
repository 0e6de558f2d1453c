import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Etcd3 } from 'etcd3';
import { describeWithInfra } from '@libs/testing';
import { orderStoreContract } from '../../ports/order-store.contract';
import { sagaBrokerContract } from '../../ports/saga-broker.contract';
import { featureToggleStoreContract } from '../../ports/feature-toggle-store.contract';
import { cleanUpOrdersKafka } from '../../../../../test/support/orders-kafka';
import { EtcdFeatureToggleStore } from './etcd/etcd-feature-toggle-store';
import { KafkaSagaBroker } from './kafka/kafka-saga-broker';
import { ORDERS_MIGRATIONS_DIRECTORY, PostgresOrderStore } from './postgres/postgres-order-store';

jest.setTimeout(60_000);
const silent = { warn: () => undefined, error: () => undefined, info: () => undefined };

describeWithInfra(['postgres'], 'orders PostgreSQL adapter', (env) => {
  // A scratch schema per run: the app's own relay (if one runs against this database) never touches it.
  const schema = `orders_test_${randomUUID().slice(0, 8)}`;
  orderStoreContract('postgres', async () => {
    const pool = new Pool({ connectionString: env.DATABASE_URL, max: 10 });
    const sql = readFileSync(join(ORDERS_MIGRATIONS_DIRECTORY, '001_orders.sql'), 'utf8').replace(/\borders\./g, `${schema}.`).replace('CREATE SCHEMA IF NOT EXISTS orders;', `CREATE SCHEMA IF NOT EXISTS ${schema};`);
    await pool.query(sql);
    return {
      store: new PostgresOrderStore(pool, schema),
      teardown: async () => {
        await pool.query(`DROP SCHEMA ${schema} CASCADE`);
        await pool.end();
      },
    };
  });
});

describeWithInfra(['kafka'], 'orders Kafka adapter', (env) => {
  const prefix = `int-${randomUUID().slice(0, 8)}-`;
  afterAll(() => cleanUpOrdersKafka(prefix));
  sagaBrokerContract(
    'kafka',
    async () => ({
      broker: new KafkaSagaBroker({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'orders-int', prefix, topics: ['topic-orchestrator', 'topic-user-balance-validator'], partitions: 2, logger: silent }),
    }),
    30_000,
  );
});

describeWithInfra(['etcd'], 'orders etcd adapter', (env) => {
  featureToggleStoreContract('etcd', async () => {
    const etcd = new Etcd3({ hosts: env.ETCD_HOSTS.split(',') });
    const prefix = `junction-test/orders-${randomUUID()}/toggles/`;
    return {
      store: new EtcdFeatureToggleStore(etcd, prefix),
      teardown: async () => {
        await etcd.delete().prefix(prefix);
        etcd.close();
      },
    };
  });
});
