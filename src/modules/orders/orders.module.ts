import { DynamicModule, Module, Provider } from '@nestjs/common';
import { IdentityFacade } from '@libs/contracts';
import { Clock, SystemClock } from '@libs/kernel';
import type { ModuleRegistration } from '@libs/platform';
import { EtcdClient, LOGGER, MetricsService, PinoLogger, PostgresClient, createPolicy, readKafkaTopicDefaults } from '@libs/platform';
import { CreateOrderHandler } from './application/commands/create-order/create-order.handler';
import { DeleteUserOrdersHandler } from './application/commands/delete-user-orders/delete-user-orders.handler';
import { OrchestrateSagaHandler } from './application/commands/orchestrate-saga/orchestrate-saga.handler';
import { ValidateBalanceHandler } from './application/commands/validate-balance/validate-balance.handler';
import { ValidateUserStatusHandler } from './application/commands/validate-user-status/validate-user-status.handler';
import { FeatureToggles } from './application/feature-toggles';
import { OrdersMetrics } from './application/orders-metrics';
import { ORDERS_SETTINGS } from './application/orders-settings';
import { GetOrderEventsHandler } from './application/queries/get-order-events/get-order-events.handler';
import { GetOrderHandler } from './application/queries/get-order/get-order.handler';
import { ListMethodsHandler } from './application/queries/list-methods/list-methods.handler';
import { ListUserOrdersHandler } from './application/queries/list-user-orders/list-user-orders.handler';
import { SagaRelay } from './application/saga-relay';
import { ALL_TOPICS } from './application/saga-topics';
import { OrdersController } from './adapters/inbound/http/orders.controller';
import { OrdersHttpSetup } from './adapters/inbound/http/orders-http.setup';
import { TogglesController } from './adapters/inbound/http/toggles.controller';
import { SagaConsumers } from './adapters/inbound/kafka/saga-consumers';
import { EtcdFeatureToggleStore } from './adapters/outbound/etcd/etcd-feature-toggle-store';
import { HttpUserStatusChecker } from './adapters/outbound/http/http-user-status-checker';
import { IdentityUserStatusChecker } from './adapters/outbound/identity/identity-user-status-checker';
import { RoutedUserStatusChecker } from './adapters/outbound/routed-user-status-checker';
import { SeedUserStatusChecker } from './adapters/outbound/seed/seed-user-status-checker';
import { KafkaSagaBroker } from './adapters/outbound/kafka/kafka-saga-broker';
import { MemoryFeatureToggleStore } from './adapters/outbound/memory/memory-feature-toggle-store';
import { MemoryOrderStore } from './adapters/outbound/memory/memory-order-store';
import { MemorySagaBroker } from './adapters/outbound/memory/memory-saga-broker';
import { PostgresOrderStore } from './adapters/outbound/postgres/postgres-order-store';
import { OrdersModuleSettings, UserStatusSource, readOrdersSettings } from './orders.config';
import { ORDERS_ADAPTERS, OrdersLifecycle } from './orders.lifecycle';
import { FeatureToggleStore, OrderStore, SagaBroker, UserStatusChecker } from './ports';

function memoryAdapters(): Provider[] {
  return [
    { provide: OrderStore, useFactory: () => new MemoryOrderStore() },
    { provide: SagaBroker, useFactory: () => new MemorySagaBroker() },
    { provide: FeatureToggleStore, useFactory: () => new MemoryFeatureToggleStore() },
  ];
}

function realAdapters(settings: OrdersModuleSettings, registration: ModuleRegistration): Provider[] {
  return [
    { provide: OrderStore, inject: [PostgresClient], useFactory: (pg: PostgresClient) => new PostgresOrderStore(pg.pool) },
    {
      provide: SagaBroker,
      inject: [LOGGER],
      useFactory: (logger: PinoLogger) =>
        new KafkaSagaBroker({
          brokers: registration.config.list('KAFKA_BROKERS'),
          clientId: `${registration.config.string('KAFKA_CLIENT_ID')}-orders`,
          prefix: settings.app.topicPrefix,
          topics: ALL_TOPICS,
          partitions: settings.kafkaPartitions,
          topicDefaults: readKafkaTopicDefaults(registration.config),
          logger,
        }),
    },
    { provide: FeatureToggleStore, inject: [EtcdClient], useFactory: (etcd: EtcdClient) => new EtcdFeatureToggleStore(etcd, settings.togglesPrefix) },
  ];
}

function userStatusChecker(settings: OrdersModuleSettings): Provider {
  return {
    provide: UserStatusChecker,
    inject: [MetricsService, { token: IdentityFacade, optional: true }],
    useFactory: (metrics: MetricsService, identity?: IdentityFacade) => {
      const policy = (name: string, errorCode: string) =>
        createPolicy({
          name,
          errorCode,
          timeoutMs: settings.userApi.timeoutMs,
          retries: settings.userApi.retries,
          breakerThreshold: settings.userApi.breakerThreshold,
          halfOpenAfterMs: settings.userApi.halfOpenMs,
          onBreakerStateChange: (state) => metrics.breakerState.set({ policy: name }, state),
        });
      const source = (kind: UserStatusSource): UserStatusChecker => {
        if (kind === 'seed') return new SeedUserStatusChecker();
        if (kind === 'http') return new HttpUserStatusChecker(settings.userApi.baseUrl!, policy('orders-user-api', 'ORDERS.USER_API_UNAVAILABLE'));
        if (!identity) throw new Error('orders: ORDERS_USER_STATUS=identity needs the IdentityFacade (boot identity here or set IDENTITY_GRPC_URL)');
        return new IdentityUserStatusChecker(identity, policy('orders-identity', 'ORDERS.IDENTITY_UNAVAILABLE'));
      };
      const [first, second] = settings.userStatus;
      return second === undefined ? source(first) : new RoutedUserStatusChecker(source(first), source(second));
    },
  };
}

/** The orders bounded context: the original order API, its Kafka saga, event log and feature toggles. */
@Module({})
export class OrdersModule {
  static register(registration: ModuleRegistration): DynamicModule {
    const settings = readOrdersSettings(registration.config);
    return {
      module: OrdersModule,
      controllers: [OrdersController, TogglesController],
      providers: [
        { provide: ORDERS_SETTINGS, useValue: settings.app },
        { provide: ORDERS_ADAPTERS, useValue: registration.adapters },
        { provide: Clock, useClass: SystemClock },
        ...(registration.adapters === 'real' ? realAdapters(settings, registration) : memoryAdapters()),
        userStatusChecker(settings),
        OrdersMetrics,
        SagaRelay,
        FeatureToggles,
        CreateOrderHandler,
        DeleteUserOrdersHandler,
        GetOrderHandler,
        ListUserOrdersHandler,
        GetOrderEventsHandler,
        ListMethodsHandler,
        OrchestrateSagaHandler,
        ValidateBalanceHandler,
        ValidateUserStatusHandler,
        SagaConsumers,
        OrdersHttpSetup,
        OrdersLifecycle,
      ],
    };
  }
}
