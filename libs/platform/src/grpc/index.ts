export * from './grpc-credentials';
export * from './grpc-health';
