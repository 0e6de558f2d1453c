import { FacadeDescriptor } from './facade-descriptor';
import { IdentityFacade } from './identity.facade';
import { GrpcIdentityFacade } from './grpc-identity.facade';

export const IDENTITY_FACADE: FacadeDescriptor<IdentityFacade> = {
  name: 'identity',
  token: IdentityFacade,
  owner: 'identity',
  urlKey: 'IDENTITY_GRPC_URL',
  grpcService: 'identity.v1.IdentityService',
  createRemote: (target) => new GrpcIdentityFacade(target),
};

/** Every facade of the published language, by name. Module manifests refer to these names. */
export const FACADES = { identity: IDENTITY_FACADE } as const;
export type FacadeName = keyof typeof FACADES;
