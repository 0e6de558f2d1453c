import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import type { Logger } from 'pino';
import { AppConfig } from '../config';
import { ProblemDetailsFilter } from '../errors';
import { HealthController, HealthRegistry } from '../health';
import { AuthGuard, RouteAccessCheck } from '../http';
import { MetricsController, MetricsService } from '../metrics';

/** DI token of the process's pino logger. */
export const LOGGER = 'junction:logger';

export interface PlatformOptions {
  config: AppConfig;
  logger: Logger;
  processName: string;
}

/** Config, logging, errors, authentication, health and metrics: what every process has, whatever it boots. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        HealthRegistry,
        {
          provide: MetricsService,
          useFactory: () => {
            const metrics = new MetricsService();
            metrics.setDefaultLabels({ process: options.processName });
            return metrics;
          },
        },
        { provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(options.logger) },
        // Every HTTP route is @Public() or @Authenticated() (checked at boot); the guard enforces it (ADR 0010).
        { provide: APP_GUARD, useClass: AuthGuard },
        RouteAccessCheck,
      ],
      exports: [AppConfig, LOGGER, HealthRegistry, MetricsService],
    };
  }
}
