import type { DynamicModule } from '@nestjs/common';
import type { FacadeName, ModuleName } from '@libs/contracts';
import type { AppConfig, BackingService, ConfigSlice } from '../config';

export type AdapterMode = 'memory' | 'real';

export interface ModuleRegistration {
  adapters: AdapterMode;
  config: AppConfig;
}

export interface GrpcServiceDefinition {
  /** Proto package, e.g. `user` or `identity.v1`. */
  package: string;
  /** Path under proto/, e.g. `user/user.proto`. */
  protoFile: string;
  /**
   * Junction's own service for its other processes (not a client-facing one): whenever gRPC has TLS, every call
   * must come with a verified client certificate, checked per call on top of the mTLS handshake (docs/adr/0014).
   */
  internal?: boolean;
}

/**
 * What the runtime needs to know about a module before booting it. Lives in the module's index.ts.
 * The registry in src/runtime holds exactly one manifest per module name.
 */
export interface ModuleManifest {
  name: ModuleName;
  summary: string;
  /** Facades this module implements locally (it must export a provider for each token). */
  provides: readonly FacadeName[];
  /** Facades this module calls: local when the owner is booted here, gRPC otherwise. */
  requires: readonly FacadeName[];
  publishes: readonly string[];
  consumes: readonly string[];
  grpc: readonly GrpcServiceDefinition[];
  /** Backing services used with ADAPTERS=real (their config is read and their readiness checked). */
  infrastructure: readonly BackingService[];
  /** The module's own config keys (read only when the module is booted). */
  config: ConfigSlice;
  register(options: ModuleRegistration): DynamicModule;
}
