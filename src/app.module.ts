import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@libs/messaging';
import { AppConfig, InfraClientsModule, PlatformModule, readKafkaTopicDefaults } from '@libs/platform';
import type { PinoLogger } from '@libs/platform';
import { manifestsFor } from './runtime/module-registry';
import { backingServices, remoteFacades } from './runtime/runtime-config';
import { RemoteFacadesModule } from './runtime/remote-facades.module';
import { RuntimeProfile } from './runtime/runtime-profile';

export interface AppOptions {
  profile: RuntimeProfile;
  config: AppConfig;
  logger: PinoLogger;
}

/** The platform, the selected modules, and gRPC clients for the facades whose owners run elsewhere. */
@Module({})
export class AppModule {
  static forRoot({ profile, config, logger }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ config, logger, processName: config.string('PROCESS_NAME') }),
        InfraClientsModule.forRoot({ services: backingServices(profile), config }),
        messaging(profile, config),
        RemoteFacadesModule.forRoot(remoteFacades(profile), config),
        ...manifestsFor(profile.modules).map((m) => m.register({ adapters: profile.adapters, config })),
      ],
    };
  }
}

/** Kafka when a booted module uses it with real adapters; the in-memory bus otherwise. */
function messaging(profile: RuntimeProfile, config: AppConfig): DynamicModule {
  if (!backingServices(profile).includes('kafka')) return MessagingModule.forRoot({ adapters: 'memory' });
  return MessagingModule.forRoot({
    adapters: 'real',
    brokers: config.list('KAFKA_BROKERS'),
    clientId: config.string('KAFKA_CLIENT_ID'),
    kafka: { topicDefaults: readKafkaTopicDefaults(config) },
  });
}
