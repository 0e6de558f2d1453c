import { DynamicModule, Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { setTimeout } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { AppConfig, BackingService } from '../config';
import { HealthRegistry } from '../health/health.registry';
import { LOGGER } from '../runtime/platform.module';
import { EtcdClient } from './etcd.client';
import type { InfraClient } from './infra-client';
import { InfraSettings, infraSettings } from './infra-settings';
import { KafkaHealthCheck } from './kafka-health';
import { Neo4jClient } from './neo4j.client';
import { PostgresClient } from './postgres.client';
import { RedisClient } from './redis.client';

export interface InfraClientsOptions {
  /** The backing services the booted modules use (runtime-config's `backingServices(profile)`). */
  services: readonly BackingService[];
  config: AppConfig;
}

/** DI token of each service's client. Kafka's is only its readiness check: clients live in libs/messaging. */
export const INFRA_CLIENT_TOKENS: Readonly<Record<BackingService, Type<InfraClient>>> = {
  redis: RedisClient,
  postgres: PostgresClient,
  etcd: EtcdClient,
  kafka: KafkaHealthCheck,
  neo4j: Neo4jClient,
};

const OPEN_CLIENTS = 'junction:infra-clients';
/** How long the boot-time probe keeps trying before it logs a service as unreachable. */
const BOOT_PROBE_MS = 3000;
/** Background connection errors repeat on every reconnect attempt; one line per service per minute is enough. */
const ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * One client per listed backing service, each with its readiness check registered in the HealthRegistry
 * under the service name, all closed on application shutdown (after the modules' own onModuleDestroy hooks,
 * so jobs can still resign and flush).
 *
 * Creating a client never waits for its server: a service that is down makes /health/ready answer 503 with
 * that service `down` (Kubernetes keeps the pod out of rotation until it answers), not a crash loop. Work
 * that must not proceed without the server, such as migrations, runs in the modules and fails boot itself.
 */
@Global()
@Module({})
export class InfraClientsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly shutdown = new AbortController();
  private bootProbe: Promise<void> = Promise.resolve();

  constructor(
    @Inject(OPEN_CLIENTS) private readonly clients: readonly InfraClient[],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(options: InfraClientsOptions): DynamicModule {
    // Read now, not in the factories: a missing key fails while the module tree is built, naming the key.
    const settings = infraSettings(options.services, options.config);
    const services = (Object.keys(settings) as BackingService[]).sort((a, b) => options.services.indexOf(a) - options.services.indexOf(b));
    const clientProviders: Provider[] = services.map((service) => ({
      provide: INFRA_CLIENT_TOKENS[service],
      inject: [HealthRegistry, LOGGER],
      useFactory: (registry: HealthRegistry, logger: Logger): InfraClient => {
        const client = createClient(service, settings, errorLogger(logger, service));
        registry.register(service, () => client.healthCheck());
        return client;
      },
    }));
    return {
      module: InfraClientsModule,
      providers: [
        ...clientProviders,
        {
          provide: OPEN_CLIENTS,
          inject: services.map((s) => INFRA_CLIENT_TOKENS[s]),
          useFactory: (...clients: InfraClient[]) => clients,
        },
      ],
      exports: services.map((s) => INFRA_CLIENT_TOKENS[s]),
    };
  }

  /** Logs once whether each service answered at boot; never blocks or fails boot. */
  onApplicationBootstrap(): void {
    this.bootProbe = Promise.all(this.clients.map((client) => this.probe(client))).then(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await this.bootProbe;
    await Promise.all(
      this.clients.map((client) =>
        client.dispose().catch((error: Error) => this.logger.warn({ service: client.service, error: error.message }, 'closing backing service client failed')),
      ),
    );
  }

  private async probe(client: InfraClient): Promise<void> {
    const deadline = Date.now() + BOOT_PROBE_MS;
    let lastError = '';
    // Retried briefly: Redis, for one, is still handshaking right after construction.
    while (!this.shutdown.signal.aborted) {
      try {
        await client.healthCheck();
        this.logger.info({ service: client.service, target: client.target }, 'backing service reachable');
        return;
      } catch (error) {
        lastError = (error as Error).message;
      }
      if (Date.now() >= deadline) break;
      await setTimeout(200, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
    }
    if (!this.shutdown.signal.aborted) {
      this.logger.warn({ service: client.service, target: client.target, error: lastError }, 'backing service not reachable at boot; /health/ready reports it down until it answers');
    }
  }
}

function createClient(service: BackingService, settings: InfraSettings, onError: (error: Error) => void): InfraClient {
  switch (service) {
    case 'redis':
      return new RedisClient({ url: required(settings.redis).url, onError });
    case 'postgres': {
      const { url, poolSize } = required(settings.postgres);
      return new PostgresClient({ url, poolSize, onError });
    }
    case 'etcd':
      return new EtcdClient(required(settings.etcd));
    case 'kafka':
      return new KafkaHealthCheck(required(settings.kafka));
    case 'neo4j':
      return new Neo4jClient(required(settings.neo4j));
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('infra settings missing for a listed service (bug in infraSettings)');
  return value;
}

function errorLogger(logger: Logger, service: BackingService): (error: Error) => void {
  let lastLoggedAt = 0;
  let lastMessage = '';
  return (error) => {
    const now = Date.now();
    if (error.message === lastMessage && now - lastLoggedAt < ERROR_LOG_INTERVAL_MS) return;
    lastLoggedAt = now;
    lastMessage = error.message;
    logger.warn({ service, error: error.message }, 'backing service connection error');
  };
}
