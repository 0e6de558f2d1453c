import { MODULE_NAMES, ModuleName } from '@libs/contracts';
import type { ModuleManifest } from '@libs/platform';
import { baggageManifest } from '../modules/baggage';
import { detectorsManifest } from '../modules/detectors';
import { flightsManifest } from '../modules/flights';
import { identityManifest } from '../modules/identity';
import { ordersManifest } from '../modules/orders';
import { trainsManifest } from '../modules/trains';

/** The one registry of bootable modules. Adding a module means adding its manifest here. */
export const MODULE_REGISTRY: Readonly<Record<ModuleName, ModuleManifest>> = {
  identity: identityManifest,
  flights: flightsManifest,
  baggage: baggageManifest,
  detectors: detectorsManifest,
  orders: ordersManifest,
  trains: trainsManifest,
};

/** Boot order: owners of facades first, so their local implementations exist when dependants resolve. */
export function manifestsFor(names: readonly ModuleName[]): ModuleManifest[] {
  return MODULE_NAMES.filter((n) => names.includes(n)).map((n) => MODULE_REGISTRY[n]);
}
