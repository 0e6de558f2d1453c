export * from './grpc-credentials';
export * from './grpc-health';
export * from './grpc-listen';
export * from './client-certificate.interceptor';
