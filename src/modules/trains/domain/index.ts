export * from './errors';
export * from './calendar';
export * from './catalogue';
export * from './seat-map';
export * from './pricing';
export * from './trip';
export * from './payment';
