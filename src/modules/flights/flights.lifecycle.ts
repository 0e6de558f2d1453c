import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ModuleRef } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { isDomainError } from '@libs/kernel';
import { AdapterMode, EtcdClient, LOGGER, Leadership, Neo4jClient, PinoLogger, runWhileLeader } from '@libs/platform';
import { CollectTrafficCommand } from './application/commands/collect-traffic/collect-traffic.handler';
import { FLIGHTS_SETTINGS, FlightsSettings } from './application/flights-settings';
import { FLIGHTS_SCHEMA } from './adapters/outbound/neo4j/neo4j-flight-graph';
import { FlightGraph } from './ports';

export const FLIGHTS_RUNTIME = 'flights:runtime';

export interface FlightsRuntime {
  adapters: AdapterMode;
  collectorEnabled: boolean;
  demoData: boolean;
}

export const DEMO_EMAIL = 'demo@junction.dev';

/**
 * Boot and shutdown work of flights: the Neo4j schema (real adapters; a failure stops the boot), demo interests
 * (memory adapters), and the collection schedule — at start, then every COLLECTION_INTERVAL — run by the one
 * replica elected in etcd with real adapters. Each cycle also takes the collection lock, so a forced run on
 * another replica never overlaps it.
 */
@Injectable()
export class FlightsLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private leadership?: Leadership;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private scheduling = false;

  constructor(
    @Inject(FLIGHTS_RUNTIME) private readonly runtime: FlightsRuntime,
    @Inject(FLIGHTS_SETTINGS) private readonly settings: FlightsSettings,
    @Inject(LOGGER) private readonly logger: PinoLogger,
    private readonly commands: CommandBus,
    private readonly graph: FlightGraph,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.runtime.adapters === 'real') {
      await this.moduleRef.get(Neo4jClient, { strict: false }).ensureConstraints('flights', FLIGHTS_SCHEMA);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.runtime.adapters === 'memory' && this.runtime.demoData && (await this.graph.interestsOf(DEMO_EMAIL)).length === 0) {
      await this.graph.saveInterests(DEMO_EMAIL, [{ airportCode: 'LIRF', lowValue: 10, highValue: 400 }, { airportCode: 'EGLL' }]);
    }
    if (!this.runtime.collectorEnabled) return;
    const etcd = this.runtime.adapters === 'real' ? this.optional(EtcdClient) : undefined;
    if (etcd) {
      this.leadership = runWhileLeader(etcd, 'junction/flights/collector', `${process.pid}-${randomUUID()}`, { start: () => this.startSchedule(), stop: () => this.stopSchedule() }, { logger: this.logger });
    } else {
      this.startSchedule();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.leadership?.stop();
    await this.stopSchedule();
  }

  private startSchedule(): void {
    if (this.scheduling) return;
    this.scheduling = true;
    this.logger.info({ module: 'flights', intervalSeconds: this.settings.collectionIntervalSeconds }, 'collection schedule started');
    this.tick();
    this.timer = setInterval(() => this.tick(), this.settings.collectionIntervalSeconds * 1000);
    this.timer.unref();
  }

  private async stopSchedule(): Promise<void> {
    this.scheduling = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.commands
      .execute(new CollectTrafficCommand('schedule'))
      .then(
        () => undefined,
        (error: unknown) => {
          const level = isDomainError(error) && error.category !== 'internal' ? 'warn' : 'error';
          this.logger[level]({ module: 'flights', error: (error as Error).message }, 'scheduled collection cycle failed');
        },
      )
      .finally(() => (this.running = undefined));
  }

  private optional<T>(token: abstract new (...args: never[]) => T): T | undefined {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return undefined;
    }
  }
}
