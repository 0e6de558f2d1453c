// Allowed: the app reaches modules through the runtime.
import { MODULE_REGISTRY } from './runtime/module-registry';
// VIOLATION (modules-only-from-runtime): only src/runtime may import a module, even through its door.
import { ordersManifest } from './modules/orders';

export const modules = [MODULE_REGISTRY, ordersManifest];
