// The flights module's only door: src/runtime imports this file and nothing else of the module.
export { flightsManifest } from './flights.manifest';
