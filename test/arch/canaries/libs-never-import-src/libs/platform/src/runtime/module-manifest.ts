// VIOLATION (libs-never-import-src): a lib depends on the application that builds on it.
import { MODULE_REGISTRY } from '../../../../src/runtime/module-registry';

export type ModuleName = keyof typeof MODULE_REGISTRY;
export const moduleNames = Object.keys(MODULE_REGISTRY);
