// The orders module's only door: src/runtime imports this file and nothing else of the module.
export { ordersManifest } from './orders.manifest';
