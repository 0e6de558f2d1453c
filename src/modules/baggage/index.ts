// The baggage module's only door: src/runtime imports this file and nothing else of the module.
export { baggageManifest } from './baggage.manifest';
