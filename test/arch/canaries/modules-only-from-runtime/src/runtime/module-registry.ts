// Allowed: the runtime imports a module through its door.
import { ordersManifest } from '../modules/orders';

export const MODULE_REGISTRY = { orders: ordersManifest };
