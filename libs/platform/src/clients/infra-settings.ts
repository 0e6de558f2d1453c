import type { AppConfig, BackingService } from '../config';
import type { EtcdClientOptions } from './etcd.client';
import type { KafkaHealthOptions } from './kafka-health';
import type { Neo4jClientOptions } from './neo4j.client';

/** Connection settings of the selected services, read from config once (so a missing key fails at wiring time). */
export interface InfraSettings {
  redis?: { url: string };
  postgres?: { url: string; poolSize: number };
  etcd?: EtcdClientOptions;
  kafka?: KafkaHealthOptions;
  neo4j?: Neo4jClientOptions;
}

/**
 * Reads the INFRA_CONFIG keys of each listed service. The config must have been read with those slices
 * (runtime-config does so for ADAPTERS=real); otherwise AppConfig throws naming the undeclared key.
 */
export function infraSettings(services: readonly BackingService[], config: AppConfig): InfraSettings {
  const settings: InfraSettings = {};
  for (const service of new Set(services)) {
    switch (service) {
      case 'redis':
        settings.redis = { url: config.string('REDIS_URL') };
        break;
      case 'postgres':
        settings.postgres = { url: config.string('DATABASE_URL'), poolSize: config.int('DATABASE_POOL_SIZE') };
        break;
      case 'etcd':
        settings.etcd = { hosts: nonEmpty('ETCD_HOSTS', config.list('ETCD_HOSTS')) };
        break;
      case 'kafka':
        settings.kafka = { brokers: nonEmpty('KAFKA_BROKERS', config.list('KAFKA_BROKERS')), clientId: config.string('KAFKA_CLIENT_ID') };
        break;
      case 'neo4j':
        settings.neo4j = { url: config.string('NEO4J_URL'), user: config.string('NEO4J_USER'), password: config.string('NEO4J_PASSWORD') };
        break;
    }
  }
  return settings;
}

function nonEmpty(name: string, values: readonly string[]): readonly string[] {
  if (values.length === 0) throw new Error(`Config key ${name} lists no hosts`);
  return values;
}
