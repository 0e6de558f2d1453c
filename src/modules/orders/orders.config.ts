import { AppConfig, ConfigError, ConfigSlice } from '@libs/platform';
import { ORDERS_SETTINGS, OrdersSettings, SAGA_ROLES, SagaRole } from './application/orders-settings';

/** orders' config slice (read only when orders is booted). Every key is in .env.example. */
/** Where the saga's user-status step asks (ORDERS_USER_STATUS). */
export const USER_STATUS_SOURCES = ['identity', 'http', 'seed'] as const;
export type UserStatusSource = (typeof USER_STATUS_SOURCES)[number];

export const ORDERS_CONFIG: ConfigSlice = {
  owner: 'orders',
  keys: [
    {
      name: 'ORDERS_USER_STATUS',
      kind: 'list',
      values: [...USER_STATUS_SOURCES],
      default: 'identity,seed',
      description:
        'Sources of user status for the saga: identity (IdentityFacade), http (the original user API at USERAPI_BASEURL), seed (the user API seed 004 shipped, embedded: valid unless the id contains "invalid"). One source, or identity then http|seed: identity decides for its own ids (UUIDs), the second source for every other id. Set identity alone to refuse ids identity did not issue',
      example: 'identity',
    },
    { name: 'USERAPI_BASEURL', kind: 'url', schemes: ['http', 'https'], description: 'Base URL of the original user API (GET {base}user/{user_id} → {user_id, is_valid}); required when ORDERS_USER_STATUS lists http', example: 'http://127.0.0.1:8080/' },
    { name: 'ORDERS_USERAPI_TIMEOUT_MS', kind: 'int', min: 50, max: 60_000, default: '1000', description: 'Timeout of one user-status call' },
    { name: 'ORDERS_USERAPI_RETRIES', kind: 'int', min: 0, max: 10, default: '2', description: 'Retries of a user-status call on transient errors (then the saga retries the message itself)' },
    { name: 'ORDERS_USERAPI_BREAKER_THRESHOLD', kind: 'int', min: 1, max: 1000, default: '5', description: 'Consecutive transient failures that open the user-status circuit breaker' },
    { name: 'ORDERS_USERAPI_HALF_OPEN_MS', kind: 'int', min: 100, max: 600_000, default: '2000', description: 'How long the open user-status breaker waits before a trial call' },
    { name: 'ORDERS_SAGA_ROLES', kind: 'list', values: [...SAGA_ROLES], default: SAGA_ROLES.join(','), description: 'Saga consumers this process runs (each is its own Kafka consumer group); empty = none (API only)', example: SAGA_ROLES.join(',') },
    { name: 'ORDERS_RELAY', kind: 'bool', default: 'true', description: 'Whether this process polls the saga outbox for messages their writer did not publish (crash, Kafka down); several may run at once' },
    { name: 'ORDERS_RELAY_POLL_MS', kind: 'int', min: 5, max: 60_000, default: '100', description: 'Saga outbox poll interval (the writer publishes its own messages at once; the poll only picks up orphans)' },
    { name: 'ORDERS_TOPIC_PREFIX', kind: 'string', default: '', description: "Prefix of the saga's topic and consumer-group names (isolates test runs; empty in production so the original's names are used)", example: '' },
    { name: 'ORDERS_KAFKA_PARTITIONS', kind: 'int', min: 1, max: 256, default: '6', description: 'Partitions of saga topics created by Junction' },
    { name: 'ORDERS_TOGGLES_PREFIX', kind: 'string', default: 'junction/orders/toggles/', description: 'etcd key prefix of the feature toggles' },
  ],
};

export interface OrdersModuleSettings {
  app: OrdersSettings;
  /** One source, or identity then http|seed (identity for its UUIDs, the second for every other id). */
  userStatus: readonly UserStatusSource[];
  userApi: { baseUrl?: string; timeoutMs: number; retries: number; breakerThreshold: number; halfOpenMs: number };
  kafkaPartitions: number;
  togglesPrefix: string;
}

export function readOrdersSettings(config: AppConfig): OrdersModuleSettings {
  const userStatus = config.list('ORDERS_USER_STATUS') as UserStatusSource[];
  const baseUrl = config.optionalString('USERAPI_BASEURL');
  const problems: string[] = [];
  const chained = userStatus.length === 2 && userStatus[0] === 'identity' && userStatus[1] !== 'identity';
  if (userStatus.length === 0 || userStatus.length > 2 || (userStatus.length === 2 && !chained)) {
    problems.push(`ORDERS_USER_STATUS must be one of identity, http, seed, or identity followed by http or seed (got ${JSON.stringify(userStatus.join(',')).slice(0, 80)})`);
  }
  if (userStatus.includes('http') && !baseUrl) problems.push('USERAPI_BASEURL is required when ORDERS_USER_STATUS lists http (orders: base URL of the user API)');
  if (problems.length > 0) throw new ConfigError(problems);
  const prefix = config.string('ORDERS_TOPIC_PREFIX');
  if (prefix && !/^[A-Za-z0-9._-]{1,100}$/.test(prefix)) throw new ConfigError([`ORDERS_TOPIC_PREFIX must be letters, digits, '.', '_' or '-', got ${JSON.stringify(prefix).slice(0, 80)}`]);
  return {
    app: {
      topicPrefix: prefix,
      roles: config.list('ORDERS_SAGA_ROLES') as SagaRole[],
      relay: config.bool('ORDERS_RELAY'),
      relayPollMs: config.int('ORDERS_RELAY_POLL_MS'),
      maxPageSize: 100,
    },
    userStatus,
    userApi: {
      baseUrl,
      timeoutMs: config.int('ORDERS_USERAPI_TIMEOUT_MS'),
      retries: config.int('ORDERS_USERAPI_RETRIES'),
      breakerThreshold: config.int('ORDERS_USERAPI_BREAKER_THRESHOLD'),
      halfOpenMs: config.int('ORDERS_USERAPI_HALF_OPEN_MS'),
    },
    kafkaPartitions: config.int('ORDERS_KAFKA_PARTITIONS'),
    togglesPrefix: config.string('ORDERS_TOGGLES_PREFIX'),
  };
}

export { ORDERS_SETTINGS };
