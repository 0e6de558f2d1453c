import type { ModuleManifest } from '@libs/platform';
import { IdentityModule } from './identity.module';

export const identityManifest: ModuleManifest = {
  name: 'identity',
  summary: 'Accounts, argon2id passwords, login/JWT, at-most-once registration, gRPC credential checks',
  provides: ['identity'],
  requires: [],
  publishes: ['identity.user-registered.v1', 'identity.user-deleted.v1'],
  consumes: [],
  grpc: [],
  infrastructure: ['postgres', 'redis', 'kafka'],
  config: { owner: 'identity', keys: [] },
  register: (options) => IdentityModule.register(options),
};
