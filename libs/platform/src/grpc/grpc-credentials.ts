import { ChannelCredentials, ServerCredentials, experimental } from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { AppConfig, ConfigError } from '../config';
import { requireClientCertificateFor } from './client-certificate.interceptor';

interface TlsFiles {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

const TLS_KEYS = ['GRPC_TLS_CA', 'GRPC_TLS_CERT', 'GRPC_TLS_KEY'] as const;

/** True when gRPC certificates are configured (all three; a partial set is a boot error in tlsFiles). */
export function hasGrpcTls(config: AppConfig): boolean {
  return TLS_KEYS.some((n) => config.has(n));
}

function tlsFiles(config: AppConfig): TlsFiles | undefined {
  const set = TLS_KEYS.filter((n) => config.has(n));
  if (set.length === 0) {
    if (!config.bool('GRPC_ALLOW_PLAINTEXT')) {
      throw new ConfigError(['GRPC_ALLOW_PLAINTEXT is false but GRPC_TLS_CA, GRPC_TLS_CERT and GRPC_TLS_KEY are not set']);
    }
    return undefined;
  }
  if (set.length !== TLS_KEYS.length) {
    throw new ConfigError([`mTLS needs all of ${TLS_KEYS.join(', ')}; missing ${TLS_KEYS.filter((n) => !set.includes(n)).join(', ')}`]);
  }
  const problems: string[] = [];
  const read = (name: (typeof TLS_KEYS)[number]): Buffer => {
    try {
      return readFileSync(config.string(name));
    } catch (error) {
      problems.push(`${name}: cannot read ${config.string(name)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return Buffer.alloc(0);
    }
  };
  const files = { ca: read('GRPC_TLS_CA'), cert: read('GRPC_TLS_CERT'), key: read('GRPC_TLS_KEY') };
  if (problems.length > 0) throw new ConfigError(problems);
  return files;
}

export interface GrpcServerSecurity {
  /** Proto packages that need a verified client certificate whenever TLS is on (ModuleManifest `internal`). */
  internalPackages: readonly string[];
}

/**
 * Server side. With certificates: mTLS — every client presents a certificate signed by GRPC_TLS_CA, checked in the
 * handshake — plus a per-call check that internal packages (identity.v1) only ever answer a verified certificate,
 * so loosening the handshake later cannot silently open them (docs/adr/0014). Without certificates: plaintext
 * (where it may listen is planGrpcListen's job).
 */
export function grpcServerCredentials(config: AppConfig, security: GrpcServerSecurity = { internalPackages: [] }): ServerCredentials {
  const tls = tlsFiles(config);
  if (!tls) return ServerCredentials.createInsecure();
  const base = ServerCredentials.createSsl(tls.ca, [{ cert_chain: tls.cert, private_key: tls.key }], true);
  return experimental.createServerCredentialsWithInterceptors(base, [requireClientCertificateFor(security.internalPackages)]);
}

/** Client side: presents this process's certificate and verifies the server against the CA. */
export function grpcChannelCredentials(config: AppConfig): ChannelCredentials {
  const tls = tlsFiles(config);
  if (!tls) return ChannelCredentials.createInsecure();
  return ChannelCredentials.createSsl(tls.ca, tls.key, tls.cert);
}
