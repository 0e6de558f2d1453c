import { AppConfig, ConfigError, isLoopbackHost } from '../config';
import { hasGrpcTls } from './grpc-credentials';

export interface GrpcListenPlan {
  host: string;
  tls: boolean;
  /** Set when plaintext gRPC is reachable beyond loopback because the operator opted in. */
  warning?: string;
}

/**
 * Where gRPC listens. Safe by default: without certificates it binds loopback, because plaintext gRPC has no
 * authentication and serves credential checks. Plaintext on any other address needs GRPC_PLAINTEXT_ON_NETWORK=true,
 * and then the plan carries a warning for the boot log.
 */
export function planGrpcListen(config: AppConfig): GrpcListenPlan {
  const tls = hasGrpcTls(config);
  const optIn = config.bool('GRPC_PLAINTEXT_ON_NETWORK');
  const host = config.optionalString('GRPC_HOST') ?? (tls || optIn ? config.string('HOST') : '127.0.0.1');
  if (tls || isLoopbackHost(host)) return { host, tls };
  if (!optIn) {
    throw new ConfigError([
      `GRPC_HOST ${host} is not a loopback address and gRPC has no TLS: set GRPC_TLS_CA, GRPC_TLS_CERT and GRPC_TLS_KEY, or opt in to plaintext with GRPC_PLAINTEXT_ON_NETWORK=true`,
    ]);
  }
  return {
    host,
    tls,
    warning: `gRPC serves PLAINTEXT on ${host} because GRPC_PLAINTEXT_ON_NETWORK=true: anyone who reaches the port can call every service (credential checks, detector writes) unauthenticated; configure GRPC_TLS_CA/CERT/KEY for production`,
  };
}
