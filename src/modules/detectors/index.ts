// The detectors module's only door: src/runtime imports this file and nothing else of the module.
export { detectorsManifest } from './detectors.manifest';
