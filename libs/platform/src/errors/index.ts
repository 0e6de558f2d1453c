export * from './error-mapping';
export * from './problem';
export * from './problem.filter';
export * from './grpc-error.filter';
export * from './request-error';
