export * from './domain-error';
export * from './clock';
export * from './ids';
export * from './seeded-random';
