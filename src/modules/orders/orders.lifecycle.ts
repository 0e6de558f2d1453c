import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AdapterMode, LOGGER, PinoLogger, PostgresClient, runMigrations } from '@libs/platform';
import { FeatureToggles } from './application/feature-toggles';
import { ORDERS_SETTINGS, OrdersSettings } from './application/orders-settings';
import { SagaRelay } from './application/saga-relay';
import { SagaConsumers } from './adapters/inbound/kafka/saga-consumers';
import { ORDERS_MIGRATIONS_DIRECTORY } from './adapters/outbound/postgres/postgres-order-store';
import { SagaBroker } from './ports/saga-broker';

export const ORDERS_ADAPTERS = 'orders:adapters';

/**
 * Boot and shutdown of orders: migrations (real adapters; a failure stops the boot), the toggle watch, the saga
 * consumers and the outbox relay. The broker connects in the background (retrying), so a Kafka that is down shows in
 * readiness rather than blocking boot; orders created meanwhile wait in the outbox.
 */
@Injectable()
export class OrdersLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private stopping = false;
  private brokerStarting?: Promise<void>;

  constructor(
    @Inject(ORDERS_ADAPTERS) private readonly adapters: AdapterMode,
    @Inject(ORDERS_SETTINGS) private readonly settings: OrdersSettings,
    @Inject(LOGGER) private readonly logger: PinoLogger,
    private readonly moduleRef: ModuleRef,
    private readonly toggles: FeatureToggles,
    private readonly broker: SagaBroker,
    private readonly consumers: SagaConsumers,
    private readonly relay: SagaRelay,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.adapters === 'real') {
      const postgres = this.moduleRef.get(PostgresClient, { strict: false });
      await runMigrations(postgres.pool, { module: 'orders', directory: ORDERS_MIGRATIONS_DIRECTORY, logger: this.logger });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopping = false;
    await this.toggles.start().catch((error: Error) => this.logger.warn({ module: 'orders', error: error.message }, 'feature toggles unavailable at boot; every route stays enabled until they load'));
    this.consumers.subscribe();
    this.brokerStarting = this.startBroker();
    if (this.settings.relay) this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.consumers.stop();
    await this.relay.stop();
    await this.brokerStarting;
    await this.broker.stop();
    await this.toggles.stop();
  }

  private async startBroker(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.broker.start();
        this.logger.info({ module: 'orders', roles: this.settings.roles }, 'saga consumers started');
        return;
      } catch (error) {
        this.logger.warn({ module: 'orders', attempt, error: (error as Error).message }, 'saga consumers could not start; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * attempt)));
      }
    }
  }
}
