/**
 * Issue 13, findings 1, 4 and 6, end to end: every way of presenting a password (identity's logins, flights' seed 000
 * email/password headers, gRPC VerifyCredentials) goes through one throttled credentials service; failures lock an
 * (account, client IP) pair, not the account; logout and deletion revoke the access tokens already issued — in the
 * process hosting identity and in a process reaching it over gRPC (ADR 0012).
 */
import { ChannelCredentials, Client, ServiceError, credentials, loadPackageDefinition, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { protoPath } from '@libs/contracts';
import { bootForTest, BootedForTest } from '../support/boot';

const PASSWORD = 'correct horse battery staple';
const anIp = (): string => `2001:db8:13::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
const anEmail = (): string => `cred-${randomBytes(4).toString('hex')}@example.com`;

type Callback<T> = (error: ServiceError | null, response?: T) => void;
interface UserServiceClient extends Client {
  VerifyCredentials(request: { email: string; password: string }, callback: Callback<{ valid: boolean }>): void;
}

describe('one throttled credentials service; revocable access tokens (issue 13)', () => {
  let identity: BootedForTest;
  let ops: BootedForTest;

  beforeAll(async () => {
    identity = await bootForTest({ MODULES: 'identity,flights', TRUSTED_PROXIES: '127.0.0.1,::1', IDENTITY_LOGIN_MAX_FAILURES: '3', GRPC_ALLOW_PLAINTEXT: 'true' });
    // flights alone in a second process, reaching identity over gRPC (plaintext on loopback, as in the split tests).
    ops = await bootForTest({ MODULES: 'flights', IDENTITY_GRPC_URL: identity.grpcAddress!, TRUSTED_PROXIES: '127.0.0.1,::1', GRPC_ALLOW_PLAINTEXT: 'true' });
  });

  afterAll(async () => {
    await ops?.close();
    await identity?.close();
  });

  const signUp = async (email: string): Promise<void> => {
    await request(identity.httpUrl).post('/users').set('x-request-id', randomUUID()).set('x-forwarded-for', anIp()).send({ email, password: PASSWORD, first_name: 'Test', last_name: 'User' }).expect(200);
  };
  const login = (email: string, password: string, ip: string) => request(identity.httpUrl).post('/auth/login').set('x-forwarded-for', ip).send({ email, password });
  const headers = (url: string, email: string, password: string, ip: string) => request(url).get('/interests').set('x-forwarded-for', ip).set({ email, password });

  it('legacy header logins are throttled with the logins\' lock state, in-process and over gRPC (finding 1)', async () => {
    const email = anEmail();
    await signUp(email);
    const attacker = anIp();
    for (let i = 0; i < 3; i++) expect((await headers(identity.httpUrl, email, `wrong-${i}`, attacker)).status).toBe(401);
    // The right password in the headers no longer works for the attacking address, and /auth/login shares the state.
    const blocked = await headers(identity.httpUrl, email, PASSWORD, attacker);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(email, PASSWORD, attacker)).status).toBe(429);
    // flights in another process forwards the client IP over identity.v1: same answer, not a 503 and not a retry.
    const remote = await headers(ops.httpUrl, email, PASSWORD, attacker);
    expect(remote.status).toBe(429);
    expect(remote.body).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS' });
    expect(Number(remote.headers['retry-after'])).toBeGreaterThan(0);
    // Sixty wrong passwords through the headers: never sixty 401s.
    const ip = anIp();
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await headers(ops.httpUrl, `${i}-${anEmail()}`, 'guess-guess', ip)).status);
    expect(statuses.has(429)).toBe(true);
  });

  it('gRPC user.UserService VerifyCredentials is throttled too (RESOURCE_EXHAUSTED), per caller address', async () => {
    const email = anEmail();
    await signUp(email);
    const definition = loadSync(protoPath('user/user.proto'), { keepCase: true, defaults: true });
    const pkg = loadPackageDefinition(definition) as unknown as { user: { UserService: new (a: string, c: ChannelCredentials) => UserServiceClient } };
    const client = new pkg.user.UserService(identity.grpcAddress!, credentials.createInsecure());
    const verify = (password: string) =>
      new Promise<{ valid?: boolean; code?: number; details?: string }>((resolve) =>
        client.VerifyCredentials({ email, password }, (error, res) => resolve(error ? { code: error.code, details: error.details } : { valid: res!.valid })),
      );
    try {
      for (let i = 0; i < 3; i++) expect(await verify(`wrong-${i}`)).toEqual({ valid: false });
      const throttled = await verify(PASSWORD);
      expect(throttled.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(throttled.details).toMatch(/^IDENTITY\.TOO_MANY_ATTEMPTS/);
    } finally {
      client.close();
    }
    // The gRPC caller's address (loopback) is locked for this account; the owner on their own address is not.
    expect((await login(email, PASSWORD, anIp())).status).toBe(200);
  });

  it('five wrong passwords from one address do not lock the owner out from another (finding 6)', async () => {
    const email = anEmail();
    await signUp(email);
    const attacker = anIp();
    for (let i = 0; i < 5; i++) expect([401, 429]).toContain((await login(email, `wrong-${i}`, attacker)).status);
    expect((await login(email, PASSWORD, attacker)).status).toBe(429);
    const owner = await login(email, PASSWORD, anIp());
    expect(owner.status).toBe(200);
    expect(owner.body.access_token).toEqual(expect.any(String));
  });

  it('logout and deletion revoke the access tokens they issued, in this process and in another (finding 4)', async () => {
    const email = anEmail();
    await signUp(email);
    const ip = anIp();
    const session = (await login(email, PASSWORD, ip).expect(200)).body as { access_token: string; refresh_token: string };
    const other = (await login(email, PASSWORD, ip).expect(200)).body as { access_token: string; refresh_token: string };
    const interests = (url: string, token: string) => request(url).get('/interests').set('authorization', `Bearer ${token}`);
    const me = (token: string) => request(identity.httpUrl).get(`/users/${email}`).set('authorization', `Bearer ${token}`);
    expect((await interests(identity.httpUrl, session.access_token)).status).toBe(200);
    expect((await interests(ops.httpUrl, session.access_token)).status).toBe(200);
    expect((await me(session.access_token)).status).toBe(200);

    await request(identity.httpUrl).post('/auth/logout').send({ refresh_token: session.refresh_token }).expect(204);
    expect((await interests(identity.httpUrl, session.access_token)).status).toBe(401);
    expect((await me(session.access_token)).status).toBe(401);
    expect((await interests(ops.httpUrl, session.access_token)).status).toBe(401);
    // Only that session: the other login still works, until the account is deleted.
    expect((await me(other.access_token)).status).toBe(200);
    await request(identity.httpUrl).delete(`/users/${email}`).set('x-request-id', randomUUID()).set('x-forwarded-for', ip).send({ password: PASSWORD }).expect(204);
    expect((await interests(identity.httpUrl, other.access_token)).status).toBe(401);
    expect((await interests(ops.httpUrl, other.access_token)).status).toBe(401);
  });
});
