export * from './flights-errors';
export * from './airport-code';
export * from './email';
export * from './interest';
export * from './flight';
export * from './collection-window';
