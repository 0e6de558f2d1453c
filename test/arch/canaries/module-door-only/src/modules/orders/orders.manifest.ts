import { OrdersModule } from './orders.module';

export const ordersManifest = { name: 'orders', register: () => OrdersModule };
