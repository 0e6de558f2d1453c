import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { IntegrationEventBus, OutboxRelay, OutboxStore } from '@libs/messaging';
import { AdapterMode, EtcdClient, LOGGER, Leadership, PinoLogger, PostgresClient, runMigrations, runWhileLeader } from '@libs/platform';
import { RegisterUserCommand } from './application/commands/register-user/register-user.command';
import { RegisterUserHandler } from './application/commands/register-user/register-user.handler';
import { IDENTITY_MIGRATIONS_DIRECTORY } from './adapters/outbound/postgres/postgres-user.repository';

export const IDENTITY_RUNTIME = 'identity:runtime';

export interface IdentityRuntime {
  adapters: AdapterMode;
  demoData: boolean;
  jwtSecretGenerated: boolean;
}

export const DEMO_ACCOUNT = { email: 'demo@junction.dev', password: 'junction-demo-password', firstName: 'Demo', lastName: 'User' };

/**
 * Boot and shutdown work of identity: SQL migrations (real adapters; a failure stops the boot, naming the file), the
 * demo account (memory adapters), and the outbox relay — an etcd-elected singleton with real adapters, so one replica
 * publishes identity's events at a time.
 */
@Injectable()
export class IdentityLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private relay?: OutboxRelay;
  private leadership?: Leadership;

  constructor(
    @Inject(IDENTITY_RUNTIME) private readonly runtime: IdentityRuntime,
    @Inject(LOGGER) private readonly logger: PinoLogger,
    private readonly outbox: OutboxStore,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly bus?: IntegrationEventBus,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.runtime.jwtSecretGenerated) {
      this.logger.warn({ module: 'identity' }, 'IDENTITY_JWT_SECRET is not set: using a random per-process key (memory adapters only); tokens are invalid after a restart and in other processes');
    }
    if (this.runtime.adapters === 'real') {
      const postgres = this.moduleRef.get(PostgresClient, { strict: false });
      await runMigrations(postgres.pool, { module: 'identity', directory: IDENTITY_MIGRATIONS_DIRECTORY, logger: this.logger });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.runtime.adapters === 'memory' && this.runtime.demoData) await this.createDemoAccount();
    if (!this.bus) {
      this.logger.warn({ module: 'identity' }, 'no IntegrationEventBus bound (MessagingModule not imported): identity events stay in the outbox');
      return;
    }
    this.relay = new OutboxRelay(this.outbox, this.bus, { pollIntervalMs: this.runtime.adapters === 'memory' ? 50 : 250, logger: this.logger.child({ component: 'identity-outbox-relay' }) });
    const etcd = this.runtime.adapters === 'real' ? this.optional(EtcdClient) : undefined;
    if (etcd) {
      const relay = this.relay;
      this.leadership = runWhileLeader(etcd, 'junction/identity/outbox-relay', `${process.pid}-${randomUUID()}`, { start: () => relay.start(), stop: () => relay.stop() }, { logger: this.logger });
    } else {
      this.relay.start();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.leadership?.stop();
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }

  private async createDemoAccount(): Promise<void> {
    try {
      await this.moduleRef.get(RegisterUserHandler).execute(new RegisterUserCommand({ ...DEMO_ACCOUNT }));
      this.logger.info({ module: 'identity', email: DEMO_ACCOUNT.email }, 'demo account created (memory adapters)');
    } catch (error) {
      this.logger.warn({ module: 'identity', error: (error as Error).message }, 'demo account not created');
    }
  }

  private optional<T>(token: abstract new (...args: never[]) => T): T | undefined {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return undefined;
    }
  }
}
