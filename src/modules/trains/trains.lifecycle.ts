import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AdapterMode, LOGGER, PinoLogger, PostgresClient, runMigrations } from '@libs/platform';
import { TRAINS_MIGRATIONS_DIRECTORY } from './adapters/outbound/postgres/postgres-catalogue-repository';

export const TRAINS_ADAPTERS = 'trains:adapters';

/** With real adapters: applies trains' SQL migrations (schema, seed catalogue) before serving; a failure stops the boot. */
@Injectable()
export class TrainsLifecycle implements OnModuleInit {
  constructor(
    @Inject(TRAINS_ADAPTERS) private readonly adapters: AdapterMode,
    @Inject(LOGGER) private readonly logger: PinoLogger,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.adapters !== 'real') return;
    const postgres = this.moduleRef.get(PostgresClient, { strict: false });
    await runMigrations(postgres.pool, { module: 'trains', directory: TRAINS_MIGRATIONS_DIRECTORY, logger: this.logger });
  }
}
