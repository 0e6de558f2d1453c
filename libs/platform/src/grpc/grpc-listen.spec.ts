import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, PLATFORM_CONFIG, readConfig } from '../config';
import { planGrpcListen } from './grpc-listen';

const config = (env: Record<string, string>) => readConfig([PLATFORM_CONFIG], env);

function tlsEnv(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'grpc-listen-'));
  for (const name of ['ca.crt', 'server.crt', 'server.key']) writeFileSync(join(dir, name), 'pem');
  return { GRPC_TLS_CA: join(dir, 'ca.crt'), GRPC_TLS_CERT: join(dir, 'server.crt'), GRPC_TLS_KEY: join(dir, 'server.key') };
}

describe('where gRPC listens (issue 13, finding 2)', () => {
  it('binds loopback by default, without certificates, although HTTP binds every interface (HOST=0.0.0.0)', () => {
    expect(planGrpcListen(config({}))).toEqual({ host: '127.0.0.1', tls: false });
  });

  it('follows HOST when mTLS is configured', () => {
    expect(planGrpcListen(config({ ...tlsEnv(), HOST: '0.0.0.0' }))).toEqual({ host: '0.0.0.0', tls: true });
  });

  it('refuses plaintext on a non-loopback GRPC_HOST without the opt-in, naming the setting', () => {
    expect(() => planGrpcListen(config({ GRPC_HOST: '0.0.0.0' }))).toThrow(ConfigError);
    expect(() => planGrpcListen(config({ GRPC_HOST: '10.1.2.3' }))).toThrow(/GRPC_PLAINTEXT_ON_NETWORK=true/);
    expect(planGrpcListen(config({ GRPC_HOST: '::1' }))).toEqual({ host: '::1', tls: false });
  });

  it('serves plaintext on HOST with GRPC_PLAINTEXT_ON_NETWORK=true, with a warning naming it', () => {
    const plan = planGrpcListen(config({ GRPC_PLAINTEXT_ON_NETWORK: 'true' }));
    expect(plan).toMatchObject({ host: '0.0.0.0', tls: false });
    expect(plan.warning).toContain('GRPC_PLAINTEXT_ON_NETWORK=true');
    expect(plan.warning).toContain('PLAINTEXT on 0.0.0.0');
  });
});
