export const ordersManifest = { name: 'orders' };
