import type { AppConfig, ConfigSlice } from '@libs/platform';
import type { BaggageSettings } from './application/baggage-settings';

/** baggage's config slice (read only when baggage is booted). Every key is in .env.example. */
export const BAGGAGE_CONFIG: ConfigSlice = {
  owner: 'baggage',
  keys: [
    { name: 'BAGGAGE_FLIGHTS_TOPIC', kind: 'string', default: 'flights', description: 'Kafka topic of flight messages (seed 003 wire format); malformed ones go to <topic>.dlq' },
    { name: 'BAGGAGE_BAGS_TOPIC', kind: 'string', default: 'bags', description: 'Kafka topic of bag itineraries (seed 003 wire format); malformed ones go to <topic>.dlq' },
    { name: 'BAGGAGE_WORK_TOPIC', kind: 'string', default: 'arriving_flight_work', description: 'Kafka topic the work producer writes, keyed by flight id' },
    { name: 'BAGGAGE_CONSUMER_GROUP', kind: 'string', default: 'junction.baggage', description: 'Kafka consumer group of the flights/bags consumers (one per module)' },
    { name: 'BAGGAGE_TOPIC_PARTITIONS', kind: 'int', min: 1, max: 1000, default: '3', description: 'Partitions of the baggage topics when baggage creates them (existing topics are left alone)' },
    {
      name: 'BAGGAGE_REDIS_KEY_PREFIX',
      kind: 'string',
      description: 'Prefix of every baggage Redis key. Unset = seed 003’s layout (flight:id:<id>…); `{baggage}:` puts every key in one Redis Cluster hash slot',
      example: '',
    },
    { name: 'BAGGAGE_CONSUMERS', kind: 'bool', default: 'true', description: 'Run the flights/bags consumers in this process (ADAPTERS=real)' },
    { name: 'BAGGAGE_WORK_PRODUCER', kind: 'bool', default: 'true', description: 'Run the work producer and retention jobs (one replica at a time, elected through etcd with ADAPTERS=real)' },
    { name: 'BAGGAGE_TICK_MS', kind: 'int', min: 50, max: 60_000, default: '1000', description: 'Work producer period' },
    { name: 'BAGGAGE_WINDOW_SECONDS', kind: 'int', min: 0, max: 86_400, default: '600', description: 'Work is produced for flights arriving within this many seconds' },
    { name: 'BAGGAGE_CLAIM_BATCH', kind: 'int', min: 1, max: 10_000, default: '100', description: 'Flights claimed per Lua call (seed 003 took 100)' },
    {
      name: 'BAGGAGE_CLAIM_MAX_BAGS',
      kind: 'int',
      min: 1,
      max: 10_000_000,
      default: '10000',
      description: 'Bags whose items one claim call computes, at most (always one flight): bounds how long one Lua call blocks Redis (~3–5 µs per bag)',
    },
    {
      name: 'BAGGAGE_WORK_MAX_REQUEST_BYTES',
      kind: 'int',
      min: 16_384,
      max: 100_000_000,
      default: '524288',
      description: 'Most bytes (keys + values, uncompressed) of work items per produce request; keep it below the broker’s message.max.bytes (1 MB by default)',
    },
    { name: 'BAGGAGE_WORK_COMPRESSION', kind: 'enum', values: ['lz4', 'gzip', 'none'], default: 'lz4', description: 'Compression of arriving_flight_work produce requests' },
    { name: 'BAGGAGE_MAX_FLIGHTS_PER_TICK', kind: 'int', min: 1, max: 1_000_000, default: '5000', description: 'Most flights claimed in one tick (the rest wait for the next tick)' },
    { name: 'BAGGAGE_RETENTION_HOURS', kind: 'int', min: 1, max: 8760, default: '48', description: 'Arrived flights older than this, and their bags, are removed from Redis' },
    { name: 'BAGGAGE_RETENTION_INTERVAL_SECONDS', kind: 'int', min: 1, max: 86_400, default: '300', description: 'How often the retention job runs' },
    { name: 'BAGGAGE_DEMO_DATA', kind: 'bool', default: 'true', description: 'With ADAPTERS=memory: demo flights and bags around the boot time' },
  ],
};

export function readBaggageSettings(config: AppConfig): BaggageSettings {
  return {
    flightsTopic: config.string('BAGGAGE_FLIGHTS_TOPIC'),
    bagsTopic: config.string('BAGGAGE_BAGS_TOPIC'),
    workTopic: config.string('BAGGAGE_WORK_TOPIC'),
    consumerGroup: config.string('BAGGAGE_CONSUMER_GROUP'),
    topicPartitions: config.int('BAGGAGE_TOPIC_PARTITIONS'),
    redisKeyPrefix: config.optionalString('BAGGAGE_REDIS_KEY_PREFIX') ?? '',
    tickMs: config.int('BAGGAGE_TICK_MS'),
    windowSeconds: config.int('BAGGAGE_WINDOW_SECONDS'),
    claimBatch: config.int('BAGGAGE_CLAIM_BATCH'),
    claimMaxBags: config.int('BAGGAGE_CLAIM_MAX_BAGS'),
    maxFlightsPerTick: config.int('BAGGAGE_MAX_FLIGHTS_PER_TICK'),
    workMaxRequestBytes: config.int('BAGGAGE_WORK_MAX_REQUEST_BYTES'),
    workCompression: config.string('BAGGAGE_WORK_COMPRESSION') as BaggageSettings['workCompression'],
    retentionSeconds: config.int('BAGGAGE_RETENTION_HOURS') * 3600,
    retentionIntervalMs: config.int('BAGGAGE_RETENTION_INTERVAL_SECONDS') * 1000,
    consumersEnabled: config.bool('BAGGAGE_CONSUMERS'),
    producerEnabled: config.bool('BAGGAGE_WORK_PRODUCER'),
    demoData: config.bool('BAGGAGE_DEMO_DATA'),
  };
}
