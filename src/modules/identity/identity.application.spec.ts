// The use cases over the memory adapters, without Nest: rules that are not visible over HTTP (hash counts, rehash,
// lease expiry, windows) are checked here with a manual clock.
import * as argon2 from 'argon2';
import { QueryBus } from '@nestjs/cqrs';
import { DomainError, ManualClock } from '@libs/kernel';
import { InMemoryOutboxStore } from '@libs/messaging';
import { DeleteUserCommand } from './application/commands/delete-user/delete-user.command';
import { DeleteUserHandler } from './application/commands/delete-user/delete-user.handler';
import { LogInCommand } from './application/commands/log-in/log-in.command';
import { LogInHandler } from './application/commands/log-in/log-in.handler';
import { LogOutCommand } from './application/commands/log-out/log-out.command';
import { LogOutHandler } from './application/commands/log-out/log-out.handler';
import { RefreshSessionCommand } from './application/commands/refresh-session/refresh-session.command';
import { RefreshSessionHandler } from './application/commands/refresh-session/refresh-session.handler';
import { RegisterPhoneUserCommand } from './application/commands/register-phone-user/register-phone-user.command';
import { RegisterPhoneUserHandler } from './application/commands/register-phone-user/register-phone-user.handler';
import { RegisterUserCommand } from './application/commands/register-user/register-user.command';
import { RegisterUserHandler } from './application/commands/register-user/register-user.handler';
import { LocalIdentityFacade } from './application/identity.facade.local';
import type { IdentitySettings } from './application/identity-settings';
import { GetUserByIdHandler } from './application/queries/get-user-by-id/get-user-by-id.handler';
import { UserExistsHandler } from './application/queries/user-exists/user-exists.handler';
import { UserExistsQuery } from './application/queries/user-exists/user-exists.query';
import { VerifyCredentialsQuery } from './application/queries/verify-credentials/verify-credentials.query';
import { VerifyCredentialsHandler } from './application/queries/verify-credentials/verify-credentials.handler';
import { AtMostOnce, Credentials, IdentityMetrics, LoginThrottle, Sessions, TokenRevocations, canonicalJson } from './application/services';
import { Argon2PasswordHasher } from './adapters/outbound/argon2/argon2-password.hasher';
import { Hs256AccessTokenCodec } from './adapters/outbound/jwt/hs256-access-token.codec';
import { FastInsecureHasher } from './adapters/outbound/memory/fast-insecure.hasher';
import { MemoryIdempotencyStore } from './adapters/outbound/memory/memory-idempotency.store';
import { MemoryRateLimitStore } from './adapters/outbound/memory/memory-rate-limit.store';
import { RegistrationThrottle } from './application/services/registration-throttle.service';
import { MemoryRefreshTokenStore } from './adapters/outbound/memory/memory-refresh-token.store';
import { MemorySessionRevocationStore } from './adapters/outbound/memory/memory-session-revocation.store';
import { MemoryUserRepository } from './adapters/outbound/memory/memory-user.repository';
import { Email } from './domain';
import { PasswordHasher, UserRepository } from './ports';

const SETTINGS: IdentitySettings = {
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 3600,
  loginMaxFailuresPerAccountAndIp: 3,
  loginMaxFailuresPerIp: 10,
  loginFailureWindowSeconds: 60,
  loginAccountDelayAfter: 6,
  loginAccountDelayMaxSeconds: 8,
  loginKnownAddressDays: 30,
  revocationCacheMs: 1000,
  idempotencyRetentionSeconds: 86_400,
  idempotencyLeaseSeconds: 30,
  registrationsPerIp: 3,
  registrationWindowSeconds: 3600,
  adminEmails: new Set(['root@example.com']),
  fingerprintKey: 'test-fingerprint-key',
};

function build(hasher: PasswordHasher = new FastInsecureHasher(2), users?: UserRepository) {
  const clock = new ManualClock();
  const outbox = new InMemoryOutboxStore();
  const repository = users ?? new MemoryUserRepository(outbox);
  const metrics = new IdentityMetrics();
  const codec = new Hs256AccessTokenCodec({ secret: 'k'.repeat(32), ttlSeconds: 900, issuer: 'junction', audience: 'junction', clock });
  const throttle = new LoginThrottle(new MemoryRateLimitStore(clock), SETTINGS);
  const credentials = new Credentials(repository, hasher, throttle, metrics);
  const revocationStore = new MemorySessionRevocationStore(clock);
  const revocations = new TokenRevocations(revocationStore, clock, SETTINGS);
  const sessions = new Sessions(codec, new MemoryRefreshTokenStore(clock), revocations, SETTINGS);
  const registrations = new RegistrationThrottle(new MemoryRateLimitStore(clock), SETTINGS);
  const handlers = {
    register: new RegisterUserHandler(repository, hasher, clock, metrics, registrations),
    registerPhone: new RegisterPhoneUserHandler(repository, hasher, clock, sessions, metrics, registrations),
    login: new LogInHandler(repository, credentials, sessions),
    refresh: new RefreshSessionHandler(sessions, repository),
    delete: new DeleteUserHandler(repository, credentials, sessions, clock),
    logout: new LogOutHandler(sessions),
    verify: new VerifyCredentialsHandler(repository, credentials),
    exists: new UserExistsHandler(repository),
    byId: new GetUserByIdHandler(repository),
  };
  const queries = { execute: (q: object) => (q instanceof VerifyCredentialsQuery ? handlers.verify.execute(q) : q instanceof UserExistsQuery ? handlers.exists.execute(q) : handlers.byId.execute(q as never)) } as unknown as QueryBus;
  const facade = new LocalIdentityFacade(queries, sessions);
  const atMostOnce = new AtMostOnce(new MemoryIdempotencyStore(clock), SETTINGS);
  return { clock, outbox, users: repository, hasher, handlers, facade, atMostOnce, sessions, revocationStore, codec };
}

const account = (email = `ada-${Math.random().toString(36).slice(2, 8)}@example.com`) => ({ email, password: 'correct horse battery staple', firstName: 'Ada', lastName: 'Lovelace', phoneNumber: undefined as string | undefined });

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a rejection');
}

describe('identity use cases', () => {
  it('registers a normalised account and enqueues identity.user-registered.v1 without secrets', async () => {
    const { handlers, outbox } = build();
    const user = await handlers.register.execute(new RegisterUserCommand({ ...account(' Ada@Example.com '), phoneNumber: '+44 7946 000958' }));
    expect(user).toMatchObject({ email: 'ada@example.com', phoneNumber: '+447946000958', firstName: 'Ada' });
    const events = outbox.pending();
    expect(events.map((e) => [e.type, e.key])).toEqual([['identity.user-registered.v1', user.userId]]);
    expect(events[0].payload).toEqual({ userId: user.userId, email: 'ada@example.com', registeredAt: user.registeredAt });
    expect(JSON.stringify(events)).not.toContain('sha256-test');
  });

  it('limits new accounts per client IP across both registration routes (429 + retry time); other IPs and internal callers are not limited', async () => {
    const { handlers, clock } = build();
    const ip = '203.0.113.7';
    await handlers.register.execute(new RegisterUserCommand({ ...account(), clientIp: ip }));
    await handlers.registerPhone.execute(new RegisterPhoneUserCommand({ name: 'Cher One', phoneNumber: '01712345001', password: 'correct horse battery staple', clientIp: ip }));
    await handlers.register.execute(new RegisterUserCommand({ ...account(), clientIp: ip }));
    const refused = await rejection(handlers.register.execute(new RegisterUserCommand({ ...account(), clientIp: ip })));
    expect(refused).toMatchObject({ code: 'IDENTITY.TOO_MANY_REGISTRATIONS', category: 'rate_limited', retryAfterSeconds: 3600 });
    expect(await rejection(handlers.registerPhone.execute(new RegisterPhoneUserCommand({ name: 'Cher Two', phoneNumber: '01712345002', password: 'correct horse battery staple', clientIp: ip })))).toMatchObject({
      code: 'IDENTITY.TOO_MANY_REGISTRATIONS',
    });
    await handlers.register.execute(new RegisterUserCommand({ ...account(), clientIp: '198.51.100.1' }));
    await handlers.register.execute(new RegisterUserCommand(account())); // no client IP: the demo-account seed
    clock.advance(3_600_000);
    await handlers.register.execute(new RegisterUserCommand({ ...account(), clientIp: ip }));
  });

  it('refuses a taken email before paying for a hash', async () => {
    const { handlers, hasher } = build();
    const spy = jest.spyOn(hasher, 'hash');
    await handlers.register.execute(new RegisterUserCommand(account('taken@example.com')));
    expect(await rejection(handlers.register.execute(new RegisterUserCommand(account('TAKEN@example.com'))))).toMatchObject({ code: 'IDENTITY.EMAIL_TAKEN' });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('answers one 401 for unknown accounts and wrong passwords, paying a hash verification for both', async () => {
    const { handlers, hasher } = build();
    await handlers.register.execute(new RegisterUserCommand(account('known@example.com')));
    const verify = jest.spyOn(hasher, 'verify');
    const wrong = await rejection(handlers.login.execute(new LogInCommand({ email: 'known@example.com', password: 'nope-nope-nope', clientIp: '10.0.0.1' })));
    const unknown = await rejection(handlers.login.execute(new LogInCommand({ email: 'unknown@example.com', password: 'nope-nope-nope', clientIp: '10.0.0.1' })));
    expect([wrong.code, wrong.message, wrong.category]).toEqual([unknown.code, unknown.message, unknown.category]);
    expect(unknown).toMatchObject({ code: 'IDENTITY.INVALID_CREDENTIALS', category: 'unauthorized' });
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('rehashes at login when the stored hash has older parameters (fake hasher)', async () => {
    const old = build(new FastInsecureHasher(1));
    await old.handlers.register.execute(new RegisterUserCommand(account('rehash@example.com')));
    const current = build(new FastInsecureHasher(2), old.users);
    await current.handlers.login.execute(new LogInCommand({ email: 'rehash@example.com', password: 'correct horse battery staple', clientIp: '10.0.0.2' }));
    expect((await old.users.findByEmail(Email.parse('rehash@example.com')))?.passwordHash).toMatch(/^\$sha256-test\$v=2\$/);
  });

  it('rehashes an argon2id hash made under weaker parameters to the OWASP ones (real argon2)', async () => {
    const weak = new Argon2PasswordHasher({ parameters: { memoryCost: 4096, timeCost: 1, parallelism: 1 }, maxConcurrent: 2, maxQueued: 10 });
    const old = build(weak);
    await old.handlers.register.execute(new RegisterUserCommand(account('argon@example.com')));
    const owasp = build(new Argon2PasswordHasher({ maxConcurrent: 2, maxQueued: 10 }), old.users);
    const session = await owasp.handlers.login.execute(new LogInCommand({ email: 'argon@example.com', password: 'correct horse battery staple', clientIp: '10.0.0.3' }));
    expect(session.user.email).toBe('argon@example.com');
    const stored = (await old.users.findByEmail(Email.parse('argon@example.com')))!.passwordHash;
    expect(stored).toMatch(/^\$argon2id\$v=19\$/);
    expect(stored).toMatch(/m=19456/);
    expect(stored).toMatch(/t=2/);
    expect(await argon2.verify(stored, 'correct horse battery staple')).toBe(true);
  });

  it('throttles failed logins per (account, IP): that address waits for the window, the owner elsewhere logs in', async () => {
    const { handlers, clock } = build();
    await handlers.register.execute(new RegisterUserCommand(account('slow@example.com')));
    const attempt = (password: string, clientIp = '10.0.1.1') => handlers.login.execute(new LogInCommand({ email: 'slow@example.com', password, clientIp }));
    for (let i = 0; i < 3; i++) expect((await rejection(attempt('wrong-password'))).code).toBe('IDENTITY.INVALID_CREDENTIALS');
    // Even the right password is refused from the attacking address, before any hash…
    const blocked = await rejection(attempt('correct horse battery staple'));
    expect(blocked).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS', category: 'rate_limited' });
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(60);
    // …but five wrong passwords from one address no longer lock the account for everyone.
    await expect(attempt('correct horse battery staple', '10.0.1.2')).resolves.toMatchObject({ tokenType: 'Bearer' });
    clock.advance(61_000);
    await expect(attempt('correct horse battery staple')).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('slows a distributed attack on one account exponentially, without locking out the owner at a known address', async () => {
    const { handlers, clock } = build();
    await handlers.register.execute(new RegisterUserCommand(account('target@example.com')));
    const attempt = (password: string, clientIp: string) => handlers.login.execute(new LogInCommand({ email: 'target@example.com', password, clientIp }));
    await attempt('correct horse battery staple', '192.0.2.1'); // the owner's usual address
    let ip = 0;
    const fromNewAddress = (password = 'wrong-password') => attempt(password, `198.51.100.${++ip}`);
    // Up to loginAccountDelayAfter (6) failures from fresh addresses: plain 401s.
    for (let i = 0; i < 6; i++) expect((await rejection(fromNewAddress())).code).toBe('IDENTITY.INVALID_CREDENTIALS');
    // From then on one attempt per delay from unknown addresses together, the delay doubling: 1 s, 2 s, 4 s, 8 s (max).
    const delays: number[] = [];
    for (const expected of [1, 2, 4, 8, 8]) {
      expect((await rejection(fromNewAddress())).code).toBe('IDENTITY.INVALID_CREDENTIALS');
      const refused = await rejection(fromNewAddress());
      expect(refused).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS' });
      delays.push(refused.retryAfterSeconds!);
      expect(refused.retryAfterSeconds).toBe(expected);
      clock.advance(expected * 1000);
    }
    expect(delays).toEqual([1, 2, 4, 8, 8]);
    // Meanwhile the owner, from the address they logged in from before, is never delayed.
    expect((await rejection(fromNewAddress())).code).toBe('IDENTITY.INVALID_CREDENTIALS');
    await expect(attempt('correct horse battery staple', '192.0.2.1')).resolves.toMatchObject({ tokenType: 'Bearer' });
    // An owner on a new address waits at most the delay, not the window.
    const waiting = await rejection(attempt('correct horse battery staple', '203.0.113.9'));
    expect(waiting.retryAfterSeconds).toBeLessThanOrEqual(8);
    clock.advance(8_000);
    await expect(attempt('correct horse battery staple', '203.0.113.9')).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('shares one throttle and lock state between logins, VerifyCredentials (gRPC, flights headers) and deletion', async () => {
    const { handlers, facade } = build();
    await handlers.register.execute(new RegisterUserCommand({ ...account('shared@example.com'), phoneNumber: '+44 7946 000111' }));
    const ip = '10.7.7.7';
    // Failures through three doors, counted against one account: email login, the facade (gRPC/headers), phone login.
    expect((await rejection(handlers.login.execute(new LogInCommand({ email: 'shared@example.com', password: 'wrong-1', clientIp: ip })))).code).toBe('IDENTITY.INVALID_CREDENTIALS');
    expect(await facade.verifyCredentials('shared@example.com', 'wrong-2', { clientIp: ip })).toBe(false);
    expect((await rejection(handlers.login.execute(new LogInCommand({ phoneNumber: '+44 7946 000111', password: 'wrong-3', clientIp: ip })))).code).toBe('IDENTITY.INVALID_CREDENTIALS');
    // Locked for this address everywhere, even with the right password: no oracle behind any door.
    expect(await rejection(facade.verifyCredentials('shared@example.com', 'correct horse battery staple', { clientIp: ip }))).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS', category: 'rate_limited' });
    expect((await rejection(handlers.login.execute(new LogInCommand({ email: 'shared@example.com', password: 'correct horse battery staple', clientIp: ip })))).code).toBe('IDENTITY.TOO_MANY_ATTEMPTS');
    expect((await rejection(handlers.delete.execute(new DeleteUserCommand({ email: 'shared@example.com', password: 'correct horse battery staple', clientIp: ip })))).code).toBe('IDENTITY.TOO_MANY_ATTEMPTS');
    // Unlimited guessing through VerifyCredentials alone is refused too.
    for (let i = 0; i < 10; i++) await facade.verifyCredentials(`probe-${i}@example.com`, 'guess', { clientIp: '10.8.8.8' }).catch(() => undefined);
    expect(await rejection(facade.verifyCredentials('probe-x@example.com', 'guess', { clientIp: '10.8.8.8' }))).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS' });
    expect(await facade.verifyCredentials('shared@example.com', 'correct horse battery staple', { clientIp: '10.9.9.1' })).toBe(true);
  });

  it('issues tokens with the admin role for configured emails', async () => {
    const { handlers, facade } = build();
    await handlers.register.execute(new RegisterUserCommand(account('root@example.com')));
    const session = await handlers.login.execute(new LogInCommand({ email: 'root@example.com', password: 'correct horse battery staple', clientIp: '10.0.2.1' }));
    expect(await facade.verifyAccessToken(session.accessToken)).toMatchObject({ email: 'root@example.com', roles: ['user', 'admin'] });
    expect(await facade.verifyAccessToken('garbage')).toBeNull();
  });

  it('revokes a refresh family on reuse, and every family when the account is deleted', async () => {
    const { handlers, outbox } = build();
    const user = await handlers.register.execute(new RegisterUserCommand(account('sessions@example.com')));
    const login = () => handlers.login.execute(new LogInCommand({ email: 'sessions@example.com', password: 'correct horse battery staple', clientIp: '10.0.3.1' }));
    const a = await login();
    const a2 = await handlers.refresh.execute(new RefreshSessionCommand(a.refreshToken));
    expect((await rejection(handlers.refresh.execute(new RefreshSessionCommand(a.refreshToken)))).code).toBe('IDENTITY.REFRESH_TOKEN_REUSED');
    expect((await rejection(handlers.refresh.execute(new RefreshSessionCommand(a2.refreshToken)))).code).toBe('IDENTITY.INVALID_REFRESH_TOKEN');

    const b = await login();
    await handlers.delete.execute(new DeleteUserCommand({ email: 'sessions@example.com', password: 'correct horse battery staple', clientIp: '10.0.3.1' }));
    expect((await rejection(handlers.refresh.execute(new RefreshSessionCommand(b.refreshToken)))).code).toBe('IDENTITY.INVALID_REFRESH_TOKEN');
    expect(outbox.pending().map((e) => e.type)).toEqual(['identity.user-registered.v1', 'identity.user-deleted.v1']);
    expect(outbox.pending()[1].payload).toMatchObject({ userId: user.userId, email: 'sessions@example.com' });
  });

  describe('access-token revocation', () => {
    const login = (handlers: ReturnType<typeof build>['handlers'], email: string) =>
      handlers.login.execute(new LogInCommand({ email, password: 'correct horse battery staple', clientIp: '10.0.4.1' }));

    it('logout revokes the access tokens of its session, and only those', async () => {
      const { handlers, facade } = build();
      await handlers.register.execute(new RegisterUserCommand(account('logout@example.com')));
      const a = await login(handlers, 'logout@example.com');
      const b = await login(handlers, 'logout@example.com');
      const a2 = await handlers.refresh.execute(new RefreshSessionCommand(a.refreshToken));
      expect(await facade.verifyAccessToken(a.accessToken)).toMatchObject({ email: 'logout@example.com' });
      await handlers.logout.execute(new LogOutCommand(a2.refreshToken));
      expect(await facade.verifyAccessToken(a.accessToken)).toBeNull();
      expect(await facade.verifyAccessToken(a2.accessToken)).toBeNull();
      expect(await facade.verifyAccessToken(b.accessToken)).toMatchObject({ email: 'logout@example.com' });
      // A forged refresh token of that family revokes nothing.
      const family = b.refreshToken.split('.')[0];
      await handlers.logout.execute(new LogOutCommand(`${family}.${'A'.repeat(43)}`));
      expect(await facade.verifyAccessToken(b.accessToken)).not.toBeNull();
    });

    it('a reused refresh token revokes the access tokens of its family', async () => {
      const { handlers, facade } = build();
      await handlers.register.execute(new RegisterUserCommand(account('reuse@example.com')));
      const a = await login(handlers, 'reuse@example.com');
      const a2 = await handlers.refresh.execute(new RefreshSessionCommand(a.refreshToken));
      await rejection(handlers.refresh.execute(new RefreshSessionCommand(a.refreshToken)));
      expect(await facade.verifyAccessToken(a2.accessToken)).toBeNull();
    });

    it('deletion revokes every access token of the account, also those without a refresh token (seed 002)', async () => {
      const { handlers, facade } = build();
      await handlers.register.execute(new RegisterUserCommand({ ...account('gone@example.com'), phoneNumber: '01712345999' }));
      const a = await login(handlers, 'gone@example.com');
      const phone = await handlers.registerPhone.execute(new RegisterPhoneUserCommand({ name: 'Cher', phoneNumber: '01712345998', password: 'correct horse battery staple' }));
      expect(await facade.verifyAccessToken(a.accessToken)).not.toBeNull();
      await handlers.delete.execute(new DeleteUserCommand({ email: 'gone@example.com', password: 'correct horse battery staple', clientIp: '10.0.4.1' }));
      expect(await facade.verifyAccessToken(a.accessToken)).toBeNull();
      expect(await facade.verifyAccessToken(phone.accessToken.token)).not.toBeNull();
      await handlers.delete.execute(new DeleteUserCommand({ email: phone.user.email, password: 'correct horse battery staple', clientIp: '10.0.4.1' }));
      expect(await facade.verifyAccessToken(phone.accessToken.token)).toBeNull();
    });

    it('another replica honours a revocation within the cache time; concurrent checks share one store read', async () => {
      const { handlers, facade, revocationStore, clock } = build();
      await handlers.register.execute(new RegisterUserCommand(account('replica@example.com')));
      const a = await login(handlers, 'replica@example.com');
      // A second replica: same store and key, its own cache.
      const codec = new Hs256AccessTokenCodec({ secret: 'k'.repeat(32), ttlSeconds: 900, issuer: 'junction', audience: 'junction', clock });
      const other = new Sessions(codec, new MemoryRefreshTokenStore(clock), new TokenRevocations(revocationStore, clock, SETTINGS), SETTINGS);
      const reads = jest.spyOn(revocationStore, 'revokedAmong');
      const checks = await Promise.all(Array.from({ length: 50 }, () => other.verifyAccessToken(a.accessToken)));
      expect(checks.every((c) => c?.userId === checks[0]?.userId)).toBe(true);
      expect(reads).toHaveBeenCalledTimes(2); // one read for the session id, one for the user id
      await handlers.logout.execute(new LogOutCommand(a.refreshToken));
      expect(await facade.verifyAccessToken(a.accessToken)).toBeNull(); // this replica: at once
      clock.advance(SETTINGS.revocationCacheMs + 1);
      expect(await other.verifyAccessToken(a.accessToken)).toBeNull(); // the other: within the cache time
    });

    it('fails closed with 503 when the revocation store is down', async () => {
      const { handlers, facade, revocationStore } = build();
      await handlers.register.execute(new RegisterUserCommand(account('down@example.com')));
      const a = await login(handlers, 'down@example.com');
      jest.spyOn(revocationStore, 'revokedAmong').mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      expect(await rejection(facade.verifyAccessToken(a.accessToken))).toMatchObject({ code: 'IDENTITY.STORE_UNAVAILABLE', category: 'unavailable' });
    });
  });

  it('registers seed 002 phone accounts with a placeholder email and a token', async () => {
    const { handlers, facade } = build();
    const { user, accessToken } = await handlers.registerPhone.execute(new RegisterPhoneUserCommand({ name: 'Cher', phoneNumber: '01712345678', password: 'correct horse battery staple' }));
    expect(user).toMatchObject({ email: 'phone-01712345678@phone.junction.invalid', firstName: 'Cher', lastName: 'Cher', phoneNumber: '01712345678' });
    expect(await facade.verifyAccessToken(accessToken.token)).toMatchObject({ userId: user.userId });
    const missing = await rejection(handlers.registerPhone.execute(new RegisterPhoneUserCommand({ name: '', phoneNumber: undefined, password: 'x' })));
    expect(missing).toMatchObject({ code: 'IDENTITY.MISSING_FIELD', message: 'name, phone_number are required' });
  });

  describe('VerifyCredentials (gRPC and the facade)', () => {
    it('answers true/false, invalid argument for blanks, false for malformed emails', async () => {
      const { handlers, facade } = build();
      await handlers.register.execute(new RegisterUserCommand(account('grpc@example.com')));
      expect(await facade.verifyCredentials('GRPC@example.com', 'correct horse battery staple')).toBe(true);
      expect(await facade.verifyCredentials('grpc@example.com', 'wrong')).toBe(false);
      expect(await facade.verifyCredentials('nobody@example.com', 'wrong')).toBe(false);
      expect(await facade.verifyCredentials('not an email', 'wrong')).toBe(false);
      expect(await rejection(facade.verifyCredentials('', 'x'))).toMatchObject({ category: 'invalid', details: { field: 'email' } });
      expect(await rejection(facade.verifyCredentials('grpc@example.com', ''))).toMatchObject({ category: 'invalid', details: { field: 'password' } });
      expect(await facade.userExists('grpc@example.com')).toBe(true);
      expect(await facade.userExists('nobody@example.com')).toBe(false);
    });

    it('answers unavailable when the store is down', async () => {
      const down = new MemoryUserRepository(new InMemoryOutboxStore());
      jest.spyOn(down, 'findByEmail').mockRejectedValue(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      const { facade } = build(new FastInsecureHasher(2), down);
      expect(await rejection(facade.verifyCredentials('a@example.com', 'whatever'))).toMatchObject({ code: 'IDENTITY.STORE_UNAVAILABLE', category: 'unavailable' });
    });
  });

  describe('AtMostOnce', () => {
    const scope = { clientIp: '10.9.9.9', method: 'POST', path: '/users', requestId: 'r-1' };
    const ok = { status: 201, contentType: 'application/json; charset=utf-8', body: '{"ok":true}' };

    it('scopes keys by hashed IP, method, path and request id (the IP never appears in the key)', () => {
      const { atMostOnce } = build();
      const key = atMostOnce.key(scope);
      expect(key).not.toContain('10.9.9.9');
      for (const change of [{ clientIp: '10.9.9.8' }, { method: 'DELETE' }, { path: '/users/a@b.co' }, { requestId: 'r-2' }]) {
        expect(atMostOnce.key({ ...scope, ...change })).not.toBe(key);
      }
      expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
      // Keyed: without the key, a stored fingerprint cannot be matched against guessed passwords.
      const other = new AtMostOnce(new MemoryIdempotencyStore(new ManualClock()), { ...SETTINGS, fingerprintKey: 'another key' });
      expect(other.fingerprint({ password: 'hunter22' })).not.toBe(atMostOnce.fingerprint({ password: 'hunter22' }));
      expect(atMostOnce.fingerprint({ password: 'hunter22' })).toBe(atMostOnce.fingerprint({ password: 'hunter22' }));
    });

    it('frees a key whose request crashed once its lease runs out (no 24 h lock-out)', async () => {
      const { atMostOnce, clock } = build();
      let release!: () => void;
      const crashed = atMostOnce.run(scope, { a: 1 }, () => new Promise((resolve) => (release = () => resolve(ok))));
      expect(await rejection(atMostOnce.run(scope, { a: 1 }, async () => ok))).toMatchObject({ code: 'IDENTITY.REQUEST_IN_PROGRESS', retryAfterSeconds: 30 });
      clock.advance(30_001);
      await expect(atMostOnce.run(scope, { a: 1 }, async () => ok)).resolves.toEqual({ response: ok, replayed: false });
      release();
      await crashed;
    });

    it('releases the key when the work fails, and maps a broken store to 503', async () => {
      const { atMostOnce } = build();
      await rejection(atMostOnce.run(scope, {}, async () => Promise.reject(new Error('boom'))));
      await expect(atMostOnce.run(scope, { other: 'body' }, async () => ok)).resolves.toMatchObject({ replayed: false });
      const broken = new AtMostOnce({ claim: () => Promise.reject(new Error('ECONNRESET')) } as never, SETTINGS);
      expect(await rejection(broken.run(scope, {}, async () => ok))).toMatchObject({ code: 'IDENTITY.STORE_UNAVAILABLE', category: 'unavailable' });
    });
  });
});
