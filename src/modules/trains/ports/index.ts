export * from './catalogue-repository';
export * from './ticket-repository';
export * from './seat-hold-store';
export * from './payment-gateway';
