export * from './module-names';
export * from './facades/facade-descriptor';
export * from './facades/identity.facade';
export * from './facades/grpc-identity.facade';
export * from './facades/catalogue';
export * from './events/identity.events';
export * from './events/flights.events';
export * from './facades/proto-path';
