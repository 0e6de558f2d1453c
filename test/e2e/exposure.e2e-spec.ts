/**
 * Issue 13, findings 2 and 7: what a process exposes. Defaults leave gRPC on loopback and /metrics to loopback
 * callers, the boot log says so; opt-ins are logged; with certificates gRPC is mTLS and identity.v1 is checked per call.
 */
import { ChannelCredentials, Client, ServiceError, credentials, loadPackageDefinition, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { protoPath } from '@libs/contracts';
import { bootForTest } from '../support/boot';

type Callback<T> = (error: ServiceError | null, response?: T) => void;
const call = <T>(fn: (cb: Callback<T>) => void): Promise<T> => new Promise((resolve, reject) => fn((e, r) => (e ? reject(e) : resolve(r as T))));

function client<T>(proto: string, pkg: string[], service: string, address: string, creds: ChannelCredentials): T & Client {
  let ns = loadPackageDefinition(loadSync(protoPath(proto), { keepCase: true, defaults: true })) as unknown as Record<string, unknown>;
  for (const part of pkg) ns = ns[part] as Record<string, unknown>;
  const Ctor = ns[service] as new (a: string, c: ChannelCredentials) => T & Client;
  return new Ctor(address, creds);
}

describe('exposure at boot', () => {
  it('defaults (HOST=0.0.0.0, no certificates): gRPC on loopback, /metrics loopback-only, both in the boot log', async () => {
    const junction = await bootForTest({ MODULES: 'identity', HOST: '0.0.0.0' });
    try {
      expect(junction.grpcAddress).toMatch(/^127\.0\.0\.1:\d+$/);
      const line = junction.logs.find((l) => l.msg === 'exposed interfaces') as { exposed: Record<string, string> } | undefined;
      expect(line?.exposed.grpc).toMatch(/^127\.0\.0\.1:\d+ \(plaintext, unauthenticated\): user, identity\.v1$/);
      expect(line?.exposed.metrics).toContain('loopback callers only');
      await request(junction.httpUrl).get('/metrics').expect(200);
      const relayed = await request(junction.httpUrl).get('/metrics').set('x-forwarded-for', '203.0.113.9').expect(403);
      expect(relayed.body).toMatchObject({ code: 'PLATFORM.METRICS_LOOPBACK_ONLY' });
      expect(junction.logs.some((l) => l.level === 'warn')).toBe(false);
    } finally {
      await junction.close();
    }
  });

  it('GRPC_PLAINTEXT_ON_NETWORK=true binds HOST and warns naming the setting; METRICS_TOKEN and METRICS_PORT work', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const junction = await bootForTest({ MODULES: 'identity', HOST: '0.0.0.0', GRPC_PLAINTEXT_ON_NETWORK: 'true', METRICS_TOKEN: token, METRICS_PORT: '0' });
    try {
      const warning = junction.logs.find((l) => l.level === 'warn' && l.setting === 'GRPC_PLAINTEXT_ON_NETWORK');
      expect(String(warning?.msg)).toContain('PLAINTEXT on 0.0.0.0');
      await request(junction.httpUrl).get('/metrics').set('x-forwarded-for', '203.0.113.9').expect(401);
      await request(junction.httpUrl).get('/metrics').set('x-forwarded-for', '203.0.113.9').set('authorization', `Bearer ${token}`).expect(200);
      const line = junction.logs.find((l) => l.msg === 'exposed interfaces') as { exposed: Record<string, string> };
      const port = /also ([\d.]+:\d+)\/metrics/.exec(line.exposed.metrics)?.[1];
      expect(port).toBeDefined();
      const scraped = await fetch(`http://${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('process_cpu_user_seconds_total');
    } finally {
      await junction.close();
    }
  });

  it('with certificates: mTLS for every service, and the boot log names the per-call check of identity.v1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-exposure-'));
    try {
      const generated = spawnSync('bash', [join(__dirname, '..', '..', 'scripts/certs/gen-dev-certs.sh'), dir], { encoding: 'utf8' });
      if (generated.status !== 0) throw new Error(generated.stderr);
      const junction = await bootForTest({ MODULES: 'identity', GRPC_TLS_CA: join(dir, 'ca.crt'), GRPC_TLS_CERT: join(dir, 'server.crt'), GRPC_TLS_KEY: join(dir, 'server.key') });
      const ca = readFileSync(join(dir, 'ca.crt'));
      type Identity = { UserExists(r: { email: string }, cb: Callback<{ exists: boolean }>): void };
      const anonymous = client<Identity>('identity/v1/identity.proto', ['identity', 'v1'], 'IdentityService', junction.grpcAddress!, credentials.createSsl(ca));
      const internal = client<Identity>('identity/v1/identity.proto', ['identity', 'v1'], 'IdentityService', junction.grpcAddress!, credentials.createSsl(ca, readFileSync(join(dir, 'client.key')), readFileSync(join(dir, 'client.crt'))));
      try {
        const line = junction.logs.find((l) => l.msg === 'exposed interfaces') as { exposed: Record<string, string> };
        expect(line.exposed.grpc).toContain('mTLS, client certificate required; checked per call for identity.v1');
        await expect(call((cb) => anonymous.UserExists({ email: 'nobody@example.com' }, cb))).rejects.toMatchObject({ code: status.UNAVAILABLE });
        expect(await call<{ exists: boolean }>((cb) => internal.UserExists({ email: 'nobody@example.com' }, cb))).toEqual({ exists: false });
      } finally {
        anonymous.close();
        internal.close();
        await junction.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
