import { DynamicModule, Module } from '@nestjs/common';
import type { ModuleRegistration } from '@libs/platform';

/**
 * The orders bounded context. Its use cases, ports and adapters arrive with the orders module issue; until then the
 * module boots empty so the runtime, the registry and split deployments can be exercised end to end.
 */
@Module({})
export class OrdersModule {
  static register(_options: ModuleRegistration): DynamicModule {
    return { module: OrdersModule };
  }
}
