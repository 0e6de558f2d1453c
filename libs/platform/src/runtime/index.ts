export * from './module-manifest';
export * from './platform.module';
