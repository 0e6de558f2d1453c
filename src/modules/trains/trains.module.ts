import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Clock, SystemClock } from '@libs/kernel';
import type { ModuleRegistration } from '@libs/platform';
import { PostgresClient, RedisClient } from '@libs/platform';
import { CancelTicketCommand } from './application/commands/cancel-ticket/cancel-ticket.command';
import { HoldSeatsCommand } from './application/commands/hold-seats/hold-seats.command';
import { PurchaseTicketsCommand } from './application/commands/purchase-tickets/purchase-tickets.command';
import { ReleaseHoldCommand } from './application/commands/release-hold/release-hold.command';
import { CatalogueService } from './application/catalogue.service';
import { GetLayoutQuery } from './application/queries/get-layout/get-layout.query';
import { ListStationsQuery } from './application/queries/list-stations/list-stations.query';
import { ListTicketsQuery } from './application/queries/list-tickets/list-tickets.query';
import { SearchTripsQuery } from './application/queries/search-trips/search-trips.query';
import { TRAINS_SETTINGS } from './application/trains-settings';
import { SeedCompatController } from './adapters/inbound/http/seed-compat.controller';
import { TrainsSeedCorsSetup } from './adapters/inbound/http/seed-cors.setup';
import { TrainsController } from './adapters/inbound/http/trains.controller';
import { BookingPageController } from './adapters/inbound/web/booking-page.controller';
import { MemoryCatalogueRepository } from './adapters/outbound/memory/memory-catalogue-repository';
import { MemorySeatHoldStore } from './adapters/outbound/memory/memory-seat-hold-store';
import { MemoryTicketRepository } from './adapters/outbound/memory/memory-ticket-repository';
import { SimulatedPaymentGateway } from './adapters/outbound/payment/simulated-payment-gateway';
import { PostgresCatalogueRepository } from './adapters/outbound/postgres/postgres-catalogue-repository';
import { PostgresTicketRepository } from './adapters/outbound/postgres/postgres-ticket-repository';
import { RedisSeatHoldStore } from './adapters/outbound/redis/redis-seat-hold-store';
import { CatalogueRepository, PaymentGateway, SeatHoldStore, TicketRepository } from './ports';
import { readTrainsSettings } from './trains.config';
import { TRAINS_ADAPTERS, TrainsLifecycle } from './trains.lifecycle';

export const TRAINS_USE_CASES = [
  CatalogueService,
  ListStationsQuery,
  SearchTripsQuery,
  GetLayoutQuery,
  ListTicketsQuery,
  HoldSeatsCommand,
  ReleaseHoldCommand,
  PurchaseTicketsCommand,
  CancelTicketCommand,
];

const MEMORY_ADAPTERS: Provider[] = [
  { provide: CatalogueRepository, useFactory: () => new MemoryCatalogueRepository() },
  { provide: TicketRepository, useFactory: () => new MemoryTicketRepository() },
  { provide: SeatHoldStore, inject: [Clock], useFactory: (clock: Clock) => new MemorySeatHoldStore(clock) },
];

const REAL_ADAPTERS: Provider[] = [
  { provide: CatalogueRepository, inject: [PostgresClient], useFactory: (pg: PostgresClient) => new PostgresCatalogueRepository(pg.pool) },
  { provide: TicketRepository, inject: [PostgresClient], useFactory: (pg: PostgresClient) => new PostgresTicketRepository(pg.pool) },
  { provide: SeatHoldStore, inject: [RedisClient], useFactory: (redis: RedisClient) => new RedisSeatHoldStore(redis) },
];

/**
 * The trains bounded context: catalogue and search, pricing, seat holds (Redis), purchases through a payment port,
 * tickets (PostgreSQL), seed 002's compatibility routes and the booking web page (/trains/app).
 */
@Module({})
export class TrainsModule {
  static register({ adapters, config }: ModuleRegistration): DynamicModule {
    const settings = readTrainsSettings(config);
    return {
      module: TrainsModule,
      controllers: [TrainsController, SeedCompatController, BookingPageController],
      providers: [
        { provide: TRAINS_SETTINGS, useValue: settings },
        { provide: TRAINS_ADAPTERS, useValue: adapters },
        { provide: Clock, useClass: SystemClock },
        { provide: PaymentGateway, useFactory: () => new SimulatedPaymentGateway({ latencyMs: settings.paymentLatencyMs }) },
        ...(adapters === 'real' ? REAL_ADAPTERS : MEMORY_ADAPTERS),
        ...TRAINS_USE_CASES,
        TrainsLifecycle,
        TrainsSeedCorsSetup,
      ],
    };
  }
}
