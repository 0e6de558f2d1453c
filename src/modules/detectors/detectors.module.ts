import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Clock, SystemClock } from '@libs/kernel';
import type { ModuleRegistration } from '@libs/platform';
import { EtcdClient } from '@libs/platform';
import { CreateLinksHandler } from './application/commands/create-links/create-links.handler';
import { ComputeTravelTimesHandler } from './application/commands/compute-travel-times/compute-travel-times.handler';
import { RecordCoordinatesHandler } from './application/commands/record-coordinates/record-coordinates.handler';
import { RecordEventsHandler } from './application/commands/record-events/record-events.handler';
import { RecordStatusHandler } from './application/commands/record-status/record-status.handler';
import { DETECTORS_SETTINGS } from './application/detectors-settings';
import { DetectorsMetrics } from './application/metrics';
import { GetBatteryVoltageHandler } from './application/queries/get-battery-voltage/get-battery-voltage.handler';
import { GetEventsHandler } from './application/queries/get-events/get-events.handler';
import { GetTravelTimesHandler } from './application/queries/get-travel-times/get-travel-times.handler';
import { ListLinksHandler } from './application/queries/list-links/list-links.handler';
import { TravelTimeWorkers } from './application/travel-time-workers';
import { CollectorServiceGrpcController } from './adapters/inbound/grpc/collector-service.grpc.controller';
import { DetectorsServiceGrpcController } from './adapters/inbound/grpc/detectors-service.grpc.controller';
import { QueryServiceGrpcController } from './adapters/inbound/grpc/query-service.grpc.controller';
import { DetectorsController } from './adapters/inbound/http/detectors.controller';
import { HmacDevicePseudonymizer } from './adapters/outbound/crypto/hmac-device-pseudonymizer';
import { EtcdDetectorRepository } from './adapters/outbound/etcd/etcd-detector-repository';
import { EtcdWorkCoordinator } from './adapters/outbound/etcd/etcd-work-coordinator';
import { MemoryDetectorRepository } from './adapters/outbound/memory/memory-detector-repository';
import { MemoryWorkCoordinator } from './adapters/outbound/memory/memory-work-coordinator';
import { readDetectorsSettings } from './detectors.config';
import { DetectorsLifecycle } from './detectors.lifecycle';
import { DetectorRepository, DevicePseudonymizer, WorkCoordinator } from './ports';

/**
 * The detectors bounded context (seed 001): detector events over gRPC (collector/query, wire-compatible) into etcd,
 * links, coordinates, statuses, travel-time estimation by workers that share destinations through etcd locks, and
 * Junction's detectors.v1 service + REST for travel times.
 */
@Module({})
export class DetectorsModule {
  static register({ adapters, config }: ModuleRegistration): DynamicModule {
    const settings = readDetectorsSettings(config, adapters);
    const outbound: Provider[] =
      adapters === 'real'
        ? [
            {
              provide: DetectorRepository,
              inject: [EtcdClient],
              useFactory: (etcd: EtcdClient) => new EtcdDetectorRepository(etcd, { prefix: settings.etcdPrefix, retentionSeconds: settings.retentionSeconds }),
            },
            {
              provide: WorkCoordinator,
              inject: [EtcdClient],
              useFactory: (etcd: EtcdClient) => new EtcdWorkCoordinator(etcd, { prefix: settings.etcdPrefix, ttlSeconds: settings.lockTtlSeconds }),
            },
          ]
        : [
            { provide: DetectorRepository, useFactory: () => new MemoryDetectorRepository() },
            { provide: WorkCoordinator, useFactory: () => new MemoryWorkCoordinator() },
          ];
    return {
      module: DetectorsModule,
      controllers: [CollectorServiceGrpcController, QueryServiceGrpcController, DetectorsServiceGrpcController, DetectorsController],
      providers: [
        { provide: DETECTORS_SETTINGS, useValue: settings.app },
        { provide: Clock, useClass: SystemClock },
        { provide: DevicePseudonymizer, useFactory: () => new HmacDevicePseudonymizer(settings.deviceKey) },
        ...outbound,
        DetectorsMetrics,
        RecordEventsHandler,
        CreateLinksHandler,
        RecordCoordinatesHandler,
        RecordStatusHandler,
        ComputeTravelTimesHandler,
        GetEventsHandler,
        GetBatteryVoltageHandler,
        GetTravelTimesHandler,
        ListLinksHandler,
        TravelTimeWorkers,
        DetectorsLifecycle,
      ],
    };
  }
}
