import type { ModuleManifest } from '@libs/platform';
import { IDENTITY_CONFIG } from './identity.config';
import { IdentityModule } from './identity.module';

export const identityManifest: ModuleManifest = {
  name: 'identity',
  summary: 'Accounts, argon2id passwords, login/JWT, at-most-once registration, gRPC credential checks',
  provides: ['identity'],
  requires: [],
  publishes: ['identity.user-registered.v1', 'identity.user-deleted.v1'],
  consumes: [],
  grpc: [
    { package: 'user', protoFile: 'user/user.proto' },
    // Junction's internal facade: with TLS, every call is checked for a verified client certificate.
    { package: 'identity.v1', protoFile: 'identity/v1/identity.proto', internal: true },
  ],
  // etcd elects the one replica that runs identity's outbox relay.
  infrastructure: ['postgres', 'redis', 'etcd', 'kafka'],
  config: IDENTITY_CONFIG,
  register: (options) => IdentityModule.register(options),
};
