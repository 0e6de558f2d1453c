export * from './order-store';
export * from './saga-broker';
export * from './user-status-checker';
export * from './feature-toggle-store';
