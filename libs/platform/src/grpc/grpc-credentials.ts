import { ChannelCredentials, ServerCredentials } from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { AppConfig, ConfigError } from '../config';

interface TlsFiles {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

function tlsFiles(config: AppConfig): TlsFiles | undefined {
  const names = ['GRPC_TLS_CA', 'GRPC_TLS_CERT', 'GRPC_TLS_KEY'] as const;
  const set = names.filter((n) => config.has(n));
  if (set.length === 0) {
    if (!config.bool('GRPC_ALLOW_PLAINTEXT')) {
      throw new ConfigError(['GRPC_ALLOW_PLAINTEXT is false but GRPC_TLS_CA, GRPC_TLS_CERT and GRPC_TLS_KEY are not set']);
    }
    return undefined;
  }
  if (set.length !== names.length) {
    throw new ConfigError([`mTLS needs all of ${names.join(', ')}; missing ${names.filter((n) => !set.includes(n)).join(', ')}`]);
  }
  const problems: string[] = [];
  const read = (name: (typeof names)[number]): Buffer => {
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

/** Server side: mTLS (client certificates required and verified) when certificates are configured. */
export function grpcServerCredentials(config: AppConfig): ServerCredentials {
  const tls = tlsFiles(config);
  if (!tls) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(tls.ca, [{ cert_chain: tls.cert, private_key: tls.key }], true);
}

/** Client side: presents this process's certificate and verifies the server against the CA. */
export function grpcChannelCredentials(config: AppConfig): ChannelCredentials {
  const tls = tlsFiles(config);
  if (!tls) return ChannelCredentials.createInsecure();
  return ChannelCredentials.createSsl(tls.ca, tls.key, tls.cert);
}
