export * from './flight-graph';
export * from './alert-store';
export * from './flight-source';
export * from './collection-lock';
