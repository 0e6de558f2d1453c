export * from './tracing';
export * from './propagation';
