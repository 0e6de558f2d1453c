export * from './policy-factory';
