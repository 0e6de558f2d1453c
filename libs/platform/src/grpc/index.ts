export * from './grpc-credentials';
