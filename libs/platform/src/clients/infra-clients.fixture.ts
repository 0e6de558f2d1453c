// Test support (not exported): boots InfraClientsModule inside a Nest testing module with a captured logger.
import { Test, TestingModule } from '@nestjs/testing';
import { Writable } from 'node:stream';
import pino from 'pino';
import { BackingService, INFRA_CONFIG, PLATFORM_CONFIG, readConfig } from '../config';
import { HealthRegistry } from '../health/health.registry';
import { PlatformModule } from '../runtime/platform.module';
import { InfraClientsModule } from './infra-clients.module';

export interface BootedInfraClients {
  module: TestingModule;
  registry: HealthRegistry;
  logs: () => Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function bootInfraClients(services: readonly BackingService[], env: Record<string, string | undefined>): Promise<BootedInfraClients> {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
  const config = readConfig([PLATFORM_CONFIG, ...services.map((s) => INFRA_CONFIG[s])], env);
  const module = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ config, logger, processName: 'infra-test' }), InfraClientsModule.forRoot({ services, config })],
  }).compile();
  await module.init();
  return {
    module,
    registry: module.get(HealthRegistry),
    logs: () => lines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    close: () => module.close(),
  };
}
