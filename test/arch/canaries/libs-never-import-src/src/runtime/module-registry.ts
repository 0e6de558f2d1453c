export const MODULE_REGISTRY = { orders: {} };
