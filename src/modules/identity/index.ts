// The identity module's only door: src/runtime imports this file and nothing else of the module.
export { identityManifest } from './identity.manifest';
