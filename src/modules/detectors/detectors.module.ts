import { DynamicModule, Module } from '@nestjs/common';
import type { ModuleRegistration } from '@libs/platform';

/**
 * The detectors bounded context. Its use cases, ports and adapters arrive with the detectors module issue; until then the
 * module boots empty so the runtime, the registry and split deployments can be exercised end to end.
 */
@Module({})
export class DetectorsModule {
  static register(_options: ModuleRegistration): DynamicModule {
    return { module: DetectorsModule };
  }
}
