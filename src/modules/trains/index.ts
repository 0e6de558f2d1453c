// The trains module's only door: src/runtime imports this file and nothing else of the module.
export { trainsManifest } from './trains.manifest';
