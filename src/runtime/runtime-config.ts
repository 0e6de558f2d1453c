import { FACADES, FacadeName } from '@libs/contracts';
import { AppConfig, BackingService, BACKING_SERVICES, ConfigSlice, INFRA_CONFIG, PLATFORM_CONFIG, readConfig } from '@libs/platform';
import type { ModuleManifest } from '@libs/platform';
import { manifestsFor } from './module-registry';
import { RuntimeProfile } from './runtime-profile';

/** Facades some booted module needs whose owner is not booted here: they are reached over gRPC. */
export function remoteFacades(profile: RuntimeProfile): FacadeName[] {
  const booted = new Set(profile.modules);
  const needed = new Set(manifestsFor(profile.modules).flatMap((m) => m.requires));
  return [...needed].filter((f) => !booted.has(FACADES[f].owner));
}

export function backingServices(profile: RuntimeProfile): BackingService[] {
  if (profile.adapters !== 'real') return [];
  const used = new Set(manifestsFor(profile.modules).flatMap((m) => m.infrastructure));
  return BACKING_SERVICES.filter((s) => used.has(s));
}

/** Exactly the slices this profile reads: platform, the booted modules, their services, their remote facades. */
export function configSlices(profile: RuntimeProfile): ConfigSlice[] {
  const remote = remoteFacades(profile);
  const facadeSlice: ConfigSlice = {
    owner: 'remote facades',
    keys: remote.map((f) => ({
      name: FACADES[f].urlKey,
      kind: 'string' as const,
      required: true,
      description: `host:port of the gRPC server of the process hosting ${FACADES[f].owner} (needed because it is not booted here)`,
      example: '127.0.0.1:50051',
    })),
  };
  return [
    PLATFORM_CONFIG,
    ...manifestsFor(profile.modules).map((m: ModuleManifest) => m.config),
    ...backingServices(profile).map((s) => INFRA_CONFIG[s]),
    facadeSlice,
  ];
}

export function loadConfig(profile: RuntimeProfile, env: Record<string, string | undefined>): AppConfig {
  return readConfig(configSlices(profile), env);
}

/** Every key any profile can read: used to check .env.example and to print the README table. */
export function allConfigSlices(): ConfigSlice[] {
  const everything: RuntimeProfile = { modules: manifestsFor(['identity', 'flights', 'baggage', 'detectors', 'orders', 'trains']).map((m) => m.name), adapters: 'real' };
  const facadeKeys: ConfigSlice = {
    owner: 'remote facades',
    keys: Object.values(FACADES).map((f) => ({ name: f.urlKey, kind: 'string' as const, description: `gRPC host:port of the process hosting ${f.owner}` })),
  };
  return [...configSlices(everything), facadeKeys];
}
