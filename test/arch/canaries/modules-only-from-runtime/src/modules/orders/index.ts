export { ordersManifest } from './orders.manifest';
