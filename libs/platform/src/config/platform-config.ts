import { ConfigSlice } from './config-schema';

/** Keys every process reads, whatever modules it boots. */
export const PLATFORM_CONFIG: ConfigSlice = {
  owner: 'platform',
  keys: [
    { name: 'NODE_ENV', kind: 'enum', values: ['development', 'test', 'production'], default: 'development', description: 'Runtime environment' },
    { name: 'MODULES', kind: 'string', default: 'all', description: 'Comma-separated modules to boot (identity, flights, baggage, detectors, orders, trains) or "all"; --modules overrides', example: 'all' },
    { name: 'ADAPTERS', kind: 'enum', values: ['memory', 'real'], default: 'memory', description: 'memory: in-process adapters, no servers; real: Redis/PostgreSQL/etcd/Kafka/Neo4j; --adapters overrides' },
    { name: 'PROCESS_NAME', kind: 'string', default: 'junction', description: 'Name of this process in logs, metrics and traces' },
    { name: 'HOST', kind: 'string', default: '0.0.0.0', description: 'Interface the HTTP server binds to (and gRPC, when mTLS is configured and GRPC_HOST is unset)' },
    { name: 'PORT', kind: 'int', min: 0, max: 65535, default: '3000', description: 'HTTP port (0 = any free port)' },
    { name: 'GRPC_PORT', kind: 'int', min: 0, max: 65535, default: '50051', description: 'gRPC port (0 = any free port)' },
    { name: 'GRPC_HOST', kind: 'string', description: 'Interface gRPC binds to; unset: HOST with mTLS, 127.0.0.1 without (plaintext elsewhere needs GRPC_PLAINTEXT_ON_NETWORK)', example: '127.0.0.1' },
    { name: 'HTTP_BODY_LIMIT_BYTES', kind: 'int', min: 1024, max: 16777216, default: '65536', description: 'Largest accepted HTTP request body; larger bodies get 413' },
    { name: 'HTTP_JSON_MAX_DEPTH', kind: 'int', min: 1, max: 1000, default: '32', description: 'Deepest nesting of objects/arrays accepted in a JSON body; deeper bodies get 400 REQUEST.JSON_TOO_DEEP' },
    { name: 'TRUSTED_PROXIES', kind: 'list', default: '', description: 'Peer addresses whose X-Forwarded-For is believed (comma-separated IPs)', example: '127.0.0.1' },
    { name: 'LOG_LEVEL', kind: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', description: 'pino log level' },
    { name: 'OTEL_TRACES_EXPORTER', kind: 'enum', values: ['none', 'otlp', 'console', 'memory', 'file'], default: 'none', description: 'Where spans go (memory and file are for tests)' },
    { name: 'OTEL_TRACES_FILE', kind: 'string', default: 'spans.jsonl', description: 'With OTEL_TRACES_EXPORTER=file: JSON-lines file the spans are appended to' },
    { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', kind: 'url', schemes: ['http', 'https'], description: 'OTLP/HTTP endpoint when OTEL_TRACES_EXPORTER=otlp', example: 'http://127.0.0.1:4318' },
    { name: 'GRPC_TLS_CA', kind: 'string', description: 'PEM file of the CA that signs gRPC peers; with cert+key turns on mTLS', example: '.infra/certs/ca.crt' },
    { name: 'GRPC_TLS_CERT', kind: 'string', description: 'PEM certificate of this process for gRPC (server and client)', example: '.infra/certs/server.crt' },
    { name: 'GRPC_TLS_KEY', kind: 'string', secret: true, description: 'PEM private key for GRPC_TLS_CERT', example: '.infra/certs/server.key' },
    { name: 'GRPC_ALLOW_PLAINTEXT', kind: 'bool', default: 'true', description: 'Allow gRPC without TLS when no certificates are configured (set false in production)' },
    { name: 'GRPC_PLAINTEXT_ON_NETWORK', kind: 'bool', default: 'false', description: 'Opt-in: serve gRPC without TLS on a non-loopback address (GRPC_HOST, or HOST when unset); anyone who reaches the port can call every service' },
    { name: 'METRICS_TOKEN', kind: 'string', secret: true, description: 'Bearer token that lets any address read /metrics on the HTTP port (at least 16 characters); without it only loopback callers may', example: 'replace-with-a-long-random-token' },
    { name: 'METRICS_PUBLIC', kind: 'bool', default: 'false', description: 'Opt-in: anyone who reaches the HTTP port may read /metrics without a token' },
    { name: 'METRICS_PORT', kind: 'int', min: 0, max: 65535, description: 'Also serve /metrics (no token) on this separate port, bound to METRICS_HOST', example: '9464' },
    { name: 'METRICS_HOST', kind: 'string', default: '127.0.0.1', description: 'Interface of the METRICS_PORT listener (0.0.0.0 lets a scraper in the pod network in)' },
    { name: 'SHUTDOWN_TIMEOUT_MS', kind: 'int', min: 0, max: 120000, default: '10000', description: 'How long SIGTERM waits for in-flight work before exiting' },
  ],
};

export type BackingService = 'redis' | 'postgres' | 'etcd' | 'kafka' | 'neo4j';
export const BACKING_SERVICES: readonly BackingService[] = ['redis', 'postgres', 'etcd', 'kafka', 'neo4j'];

/** Connection keys of each backing service; read only with ADAPTERS=real and only when a booted module needs it. */
export const INFRA_CONFIG: Record<BackingService, ConfigSlice> = {
  redis: {
    owner: 'infra:redis',
    keys: [{ name: 'REDIS_URL', kind: 'url', schemes: ['redis', 'rediss'], required: true, secret: false, description: 'Redis connection URL', example: 'redis://127.0.0.1:16379' }],
  },
  postgres: {
    owner: 'infra:postgres',
    keys: [
      { name: 'DATABASE_URL', kind: 'url', schemes: ['postgres', 'postgresql'], required: true, secret: true, description: 'PostgreSQL connection URL', example: 'postgres://junction:junction@127.0.0.1:15432/junction' },
      { name: 'DATABASE_POOL_SIZE', kind: 'int', min: 1, max: 200, default: '10', description: 'PostgreSQL pool size per process' },
    ],
  },
  etcd: {
    owner: 'infra:etcd',
    keys: [{ name: 'ETCD_HOSTS', kind: 'list', listOf: 'url', schemes: ['http', 'https'], required: true, description: 'Comma-separated etcd client URLs', example: 'http://127.0.0.1:12379' }],
  },
  kafka: {
    owner: 'infra:kafka',
    keys: [
      { name: 'KAFKA_BROKERS', kind: 'list', required: true, description: 'Comma-separated Kafka bootstrap brokers (host:port)', example: '127.0.0.1:19092' },
      { name: 'KAFKA_CLIENT_ID', kind: 'string', default: 'junction', description: 'Kafka client id prefix' },
      {
        name: 'KAFKA_REPLICATION_FACTOR',
        kind: 'int',
        min: -1,
        max: 16,
        default: '-1',
        description: 'Replicas of each topic Junction creates; -1 = the broker’s default.replication.factor (3 on a production cluster)',
      },
      {
        name: 'KAFKA_MIN_INSYNC_REPLICAS',
        kind: 'int',
        min: 0,
        max: 16,
        default: '0',
        description: 'min.insync.replicas of each topic Junction creates (acks=-1 writes need that many replicas); 0 = the broker’s setting',
      },
    ],
  },
  neo4j: {
    owner: 'infra:neo4j',
    keys: [
      { name: 'NEO4J_URL', kind: 'url', schemes: ['bolt', 'neo4j', 'bolt+s', 'neo4j+s'], required: true, description: 'Neo4j Bolt URL', example: 'bolt://127.0.0.1:17687' },
      { name: 'NEO4J_USER', kind: 'string', default: 'neo4j', description: 'Neo4j user' },
      { name: 'NEO4J_PASSWORD', kind: 'string', required: true, secret: true, description: 'Neo4j password', example: 'junction-dev' },
    ],
  },
};
