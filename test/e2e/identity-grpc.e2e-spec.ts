/**
 * identity's gRPC services over loopback with mTLS: seed 000's `user.UserService` (wire-compatible) and Junction's
 * `identity.v1.IdentityService` (the remote IdentityFacade of other processes).
 */
import { ChannelCredentials, ChannelOptions, Client, ServiceError, credentials, loadPackageDefinition, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { GrpcIdentityFacade, IdentityFacade, protoPath } from '@libs/contracts';
import { bootForTest, BootedForTest } from '../support/boot';

const ROOT = join(__dirname, '..', '..');
const PASSWORD = 'correct horse battery staple';

type Callback<T> = (error: ServiceError | null, response?: T) => void;
interface UserServiceClient extends Client {
  VerifyCredentials(request: { email?: string; password?: string }, callback: Callback<{ valid: boolean }>): void;
  CheckUserExistence(request: { email?: string }, callback: Callback<{ exists: boolean }>): void;
}

function userServiceClient(address: string, creds: ChannelCredentials, options: ChannelOptions = {}): UserServiceClient {
  const definition = loadSync(protoPath('user/user.proto'), { keepCase: true, defaults: true });
  const pkg = loadPackageDefinition(definition) as unknown as { user: { UserService: new (address: string, creds: ChannelCredentials, options: ChannelOptions) => UserServiceClient } };
  return new pkg.user.UserService(address, creds, options);
}

function call<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((error, response) => (error ? reject(error) : resolve(response as T))));
}

describe('identity over gRPC with mTLS', () => {
  let dir: string;
  let junction: BootedForTest;
  let client: UserServiceClient;
  let mtls: ChannelCredentials;
  const email = `grpc-${randomUUID().slice(0, 8)}@example.com`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'junction-certs-'));
    const generated = spawnSync('bash', [join(ROOT, 'scripts/certs/gen-dev-certs.sh'), dir], { encoding: 'utf8' });
    if (generated.status !== 0) throw new Error(`gen-dev-certs.sh failed: ${generated.stderr}`);
    junction = await bootForTest({
      MODULES: 'identity',
      GRPC_TLS_CA: join(dir, 'ca.crt'),
      GRPC_TLS_CERT: join(dir, 'server.crt'),
      GRPC_TLS_KEY: join(dir, 'server.key'),
      GRPC_ALLOW_PLAINTEXT: 'false',
    });
    const file = (name: string) => readFileSync(join(dir, name));
    mtls = credentials.createSsl(file('ca.crt'), file('client.key'), file('client.crt'));
    client = userServiceClient(junction.grpcAddress!, mtls);
    await request(junction.httpUrl)
      .post('/users')
      .set('x-request-id', randomUUID())
      .send({ email, password: PASSWORD, first_name: 'Grace', last_name: 'Hopper' })
      .expect(200);
  });

  afterAll(async () => {
    client?.close();
    await junction?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('user.UserService (seed 000 wire format)', () => {
    it('VerifyCredentials: valid for the right password, invalid for a wrong one or an unknown user', async () => {
      expect(await call<{ valid: boolean }>((cb) => client.VerifyCredentials({ email, password: PASSWORD }, cb))).toEqual({ valid: true });
      expect(await call<{ valid: boolean }>((cb) => client.VerifyCredentials({ email: email.toUpperCase(), password: PASSWORD }, cb))).toEqual({ valid: true });
      expect(await call<{ valid: boolean }>((cb) => client.VerifyCredentials({ email, password: 'not the password' }, cb))).toEqual({ valid: false });
      expect(await call<{ valid: boolean }>((cb) => client.VerifyCredentials({ email: 'nobody@example.com', password: PASSWORD }, cb))).toEqual({ valid: false });
    });

    it('VerifyCredentials: empty email or password → INVALID_ARGUMENT naming the field', async () => {
      for (const [req, field] of [
        [{ email: '', password: PASSWORD }, 'email'],
        [{ email, password: '' }, 'password'],
        [{}, 'email'],
      ] as const) {
        const error = await call((cb) => client.VerifyCredentials(req, cb)).catch((e: ServiceError) => e);
        expect(error).toMatchObject({ code: status.INVALID_ARGUMENT });
        expect((error as ServiceError).details).toContain('IDENTITY.MISSING_FIELD');
        expect((error as ServiceError).details).toContain(field);
      }
    });

    it('CheckUserExistence: true/false, INVALID_ARGUMENT for an empty email', async () => {
      expect(await call<{ exists: boolean }>((cb) => client.CheckUserExistence({ email }, cb))).toEqual({ exists: true });
      expect(await call<{ exists: boolean }>((cb) => client.CheckUserExistence({ email: 'nobody@example.com' }, cb))).toEqual({ exists: false });
      await expect(call((cb) => client.CheckUserExistence({ email: '' }, cb))).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    });
  });

  describe('mTLS', () => {
    it('rejects a client without a certificate', async () => {
      const anonymous = userServiceClient(junction.grpcAddress!, credentials.createSsl(readFileSync(join(dir, 'ca.crt'))));
      try {
        await expect(call((cb) => anonymous.VerifyCredentials({ email, password: PASSWORD }, cb))).rejects.toMatchObject({ code: status.UNAVAILABLE });
      } finally {
        anonymous.close();
      }
    });

    it('rejects a plaintext client', async () => {
      const plaintext = userServiceClient(junction.grpcAddress!, credentials.createInsecure());
      try {
        await expect(call((cb) => plaintext.CheckUserExistence({ email }, cb))).rejects.toMatchObject({ code: status.UNAVAILABLE });
      } finally {
        plaintext.close();
      }
    });

    it('the dev server certificate is valid for the hosts callers dial in compose and in the chart, and only those', async () => {
      const dial = async (host: string) => {
        const c = userServiceClient(junction.grpcAddress!, mtls, { 'grpc.ssl_target_name_override': host });
        try {
          return await call<{ exists: boolean }>((cb) => c.CheckUserExistence({ email }, cb));
        } finally {
          c.close();
        }
      };
      for (const host of ['localhost', 'edge', 'junction-edge', 'junction-edge.default.svc.cluster.local', 'junction-all.default.svc']) {
        await expect(dial(host)).resolves.toEqual({ exists: true });
      }
      await expect(dial('attacker.example.com')).rejects.toMatchObject({ code: status.UNAVAILABLE });
    });

    it('rejects a client certificate from another CA', async () => {
      const other = mkdtempSync(join(tmpdir(), 'junction-other-ca-'));
      try {
        spawnSync('bash', [join(ROOT, 'scripts/certs/gen-dev-certs.sh'), other], { encoding: 'utf8' });
        const stranger = userServiceClient(
          junction.grpcAddress!,
          credentials.createSsl(readFileSync(join(dir, 'ca.crt')), readFileSync(join(other, 'client.key')), readFileSync(join(other, 'client.crt'))),
        );
        try {
          await expect(call((cb) => stranger.CheckUserExistence({ email }, cb))).rejects.toMatchObject({ code: status.UNAVAILABLE });
        } finally {
          stranger.close();
        }
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });
  });

  describe('identity.v1.IdentityService (the remote IdentityFacade)', () => {
    let facade: GrpcIdentityFacade;

    beforeAll(() => {
      facade = new GrpcIdentityFacade({ address: junction.grpcAddress!, credentials: mtls, deadlineMs: 2000 });
    });
    afterAll(() => facade.close());

    it('verifies access tokens and answers what the local facade answers', async () => {
      const login = await request(junction.httpUrl).post('/auth/login').send({ email, password: PASSWORD }).expect(200);
      const token = login.body.access_token as string;
      const local = junction.app.get(IdentityFacade);
      expect(await facade.verifyAccessToken(token)).toEqual(await local.verifyAccessToken(token));
      expect(await facade.verifyAccessToken(token)).toEqual({ userId: login.body.user.user_id, email, roles: ['user'] });
      expect(await facade.verifyAccessToken(`${token}x`)).toBeNull();
      expect(await facade.verifyAccessToken('')).toBeNull();
      expect(await facade.getUser(login.body.user.user_id)).toEqual({ userId: login.body.user.user_id, email, firstName: 'Grace', lastName: 'Hopper' });
      expect(await facade.getUser(randomUUID())).toBeNull();
      expect(await facade.getUser('not-a-uuid')).toBeNull();
      expect(await facade.userExists(email)).toBe(true);
      expect(await facade.verifyCredentials(email, PASSWORD)).toBe(true);
      await expect(facade.verifyCredentials('', PASSWORD)).rejects.toMatchObject({ category: 'invalid', code: 'IDENTITY.INVALID_ARGUMENT' });
    });

    it('is what another process (flights alone) binds as its IdentityFacade, over mTLS', async () => {
      const login = await request(junction.httpUrl).post('/auth/login').send({ email, password: PASSWORD }).expect(200);
      const flights = await bootForTest({
        MODULES: 'flights',
        IDENTITY_GRPC_URL: junction.grpcAddress!,
        GRPC_TLS_CA: join(dir, 'ca.crt'),
        GRPC_TLS_CERT: join(dir, 'server.crt'),
        GRPC_TLS_KEY: join(dir, 'server.key'),
        GRPC_ALLOW_PLAINTEXT: 'false',
      });
      try {
        const remote = flights.app.get(IdentityFacade);
        expect(await remote.verifyAccessToken(login.body.access_token)).toMatchObject({ email });
      } finally {
        await flights.close();
      }
    });
  });
});
