export * from './baggage-store';
export * from './work-publisher';
export * from './dead-letters';
export * from './test-data-sink';
