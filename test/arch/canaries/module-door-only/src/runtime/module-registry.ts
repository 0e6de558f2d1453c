// Allowed: the module's door.
import { ordersManifest } from '../modules/orders';
// VIOLATION (module-door-only): the runtime reaches past index.ts into the module's internals.
import { OrdersModule } from '../modules/orders/orders.module';

export const MODULE_REGISTRY = { orders: ordersManifest, internals: OrdersModule };
