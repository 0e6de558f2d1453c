import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock, SystemClock } from '@libs/kernel';
import type { ModuleRegistration } from '@libs/platform';
import { EtcdClient, MetricsService, Neo4jClient } from '@libs/platform';
import { CollectTrafficHandler } from './application/commands/collect-traffic/collect-traffic.handler';
import { ForgetUserHandler } from './application/commands/forget-user/forget-user.handler';
import { RecordAlertHandler } from './application/commands/record-alert/record-alert.handler';
import { RemoveInterestHandler } from './application/commands/remove-interest/remove-interest.handler';
import { SaveInterestsHandler } from './application/commands/save-interests/save-interests.handler';
import { FLIGHTS_SETTINGS } from './application/flights-settings';
import { AverageDailyFlightsHandler } from './application/queries/average-daily-flights/average-daily-flights.handler';
import { BusiestHoursHandler } from './application/queries/busiest-hours/busiest-hours.handler';
import { LatestFlightsHandler } from './application/queries/latest-flights/latest-flights.handler';
import { ListAlertsHandler } from './application/queries/list-alerts/list-alerts.handler';
import { ListInterestsHandler } from './application/queries/list-interests/list-interests.handler';
import { TopRoutesHandler } from './application/queries/top-routes/top-routes.handler';
import { AirportAccess, CallerAuthenticator, FlightsMetrics } from './application/services';
import { FlightsEventSubscriptions } from './adapters/inbound/events/flights-event-subscriptions';
import { AirportsController } from './adapters/inbound/http/airports.controller';
import { CollectorController } from './adapters/inbound/http/collector.controller';
import { FlightsCallerGuard } from './adapters/inbound/http/flights-caller.guard';
import { InterestsController } from './adapters/inbound/http/interests.controller';
import { EtcdCollectionLock } from './adapters/outbound/etcd/etcd-collection-lock';
import { MemoryAlertStore } from './adapters/outbound/memory/memory-alert-store';
import { MemoryCollectionLock } from './adapters/outbound/memory/memory-collection-lock';
import { MemoryFlightGraph } from './adapters/outbound/memory/memory-flight-graph';
import { SyntheticFlightSource } from './adapters/outbound/memory/synthetic-flight-source';
import { Neo4jAlertStore } from './adapters/outbound/neo4j/neo4j-alert-store';
import { Neo4jFlightGraph } from './adapters/outbound/neo4j/neo4j-flight-graph';
import { OpenSkyFlightSource } from './adapters/outbound/opensky/opensky-flight-source';
import { FlightsModuleSettings, readFlightsSettings } from './flights.config';
import { FLIGHTS_RUNTIME, FlightsLifecycle, FlightsRuntime } from './flights.lifecycle';
import { AlertStore, CollectionLock, FlightGraph, FlightSource } from './ports';

const HANDLERS = [
  SaveInterestsHandler,
  RemoveInterestHandler,
  ForgetUserHandler,
  RecordAlertHandler,
  CollectTrafficHandler,
  ListInterestsHandler,
  LatestFlightsHandler,
  AverageDailyFlightsHandler,
  BusiestHoursHandler,
  TopRoutesHandler,
  ListAlertsHandler,
];

const MEMORY_ADAPTERS: Provider[] = [
  { provide: FlightGraph, useFactory: () => new MemoryFlightGraph() },
  { provide: AlertStore, useFactory: () => new MemoryAlertStore() },
  { provide: CollectionLock, useFactory: () => new MemoryCollectionLock() },
];

const REAL_ADAPTERS: Provider[] = [
  { provide: FlightGraph, inject: [Neo4jClient], useFactory: (neo4j: Neo4jClient) => new Neo4jFlightGraph(neo4j.driver) },
  { provide: AlertStore, inject: [Neo4jClient], useFactory: (neo4j: Neo4jClient) => new Neo4jAlertStore(neo4j.driver) },
  { provide: CollectionLock, inject: [EtcdClient], useFactory: (etcd: EtcdClient) => new EtcdCollectionLock(etcd) },
];

function flightSource(settings: FlightsModuleSettings): Provider {
  if (settings.source === 'synthetic') return { provide: FlightSource, useFactory: () => new SyntheticFlightSource() };
  return {
    provide: FlightSource,
    inject: [MetricsService],
    useFactory: (metrics: MetricsService) =>
      new OpenSkyFlightSource({ ...settings.opensky, onBreakerStateChange: (state) => metrics.breakerState.set({ policy: 'opensky' }, state) }),
  };
}

/**
 * The flights bounded context: airport interests, OpenSky collection into the Neo4j flight graph, statistics and
 * threshold alerts (seed 000's Data Collector).
 */
@Module({})
export class FlightsModule {
  static register({ adapters, config }: ModuleRegistration): DynamicModule {
    const settings = readFlightsSettings(config, adapters);
    const runtime: FlightsRuntime = { adapters, collectorEnabled: settings.collectorEnabled, demoData: settings.demoData };
    return {
      module: FlightsModule,
      imports: [CqrsModule.forRoot()],
      controllers: [InterestsController, AirportsController, CollectorController],
      providers: [
        { provide: FLIGHTS_SETTINGS, useValue: settings.app },
        { provide: FLIGHTS_RUNTIME, useValue: runtime },
        { provide: Clock, useClass: SystemClock },
        ...(adapters === 'real' ? REAL_ADAPTERS : MEMORY_ADAPTERS),
        flightSource(settings),
        FlightsMetrics,
        CallerAuthenticator,
        AirportAccess,
        FlightsCallerGuard,
        ...HANDLERS,
        FlightsEventSubscriptions,
        FlightsLifecycle,
      ],
    };
  }
}
