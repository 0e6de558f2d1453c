import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdentityFacade } from '@libs/contracts';
import { Clock, SystemClock } from '@libs/kernel';
import { InMemoryOutboxStore, OutboxStore, PostgresOutboxStore } from '@libs/messaging';
import type { ModuleRegistration } from '@libs/platform';
import { PostgresClient, RedisClient } from '@libs/platform';
import { DeleteUserHandler } from './application/commands/delete-user/delete-user.handler';
import { LogInHandler } from './application/commands/log-in/log-in.handler';
import { LogOutHandler } from './application/commands/log-out/log-out.handler';
import { RefreshSessionHandler } from './application/commands/refresh-session/refresh-session.handler';
import { RegisterPhoneUserHandler } from './application/commands/register-phone-user/register-phone-user.handler';
import { RegisterUserHandler } from './application/commands/register-user/register-user.handler';
import { LocalIdentityFacade } from './application/identity.facade.local';
import { IDENTITY_SETTINGS } from './application/identity-settings';
import { GetUserByEmailHandler } from './application/queries/get-user-by-email/get-user-by-email.handler';
import { GetUserByIdHandler } from './application/queries/get-user-by-id/get-user-by-id.handler';
import { UserExistsHandler } from './application/queries/user-exists/user-exists.handler';
import { VerifyCredentialsHandler } from './application/queries/verify-credentials/verify-credentials.handler';
import { AtMostOnce, Credentials, IdentityMetrics, LoginThrottle, Sessions, TokenRevocations } from './application/services';
import { RegistrationThrottle } from './application/services/registration-throttle.service';
import { IdentityServiceGrpcController } from './adapters/inbound/grpc/identity-service.grpc.controller';
import { UserServiceGrpcController } from './adapters/inbound/grpc/user-service.grpc.controller';
import { AtMostOnceInterceptor } from './adapters/inbound/http/at-most-once.interceptor';
import { AuthController } from './adapters/inbound/http/auth.controller';
import { SeedUsersController } from './adapters/inbound/http/seed-users.controller';
import { IdentitySeedCorsSetup } from './adapters/inbound/http/seed-cors.setup';
import { UsersController } from './adapters/inbound/http/users.controller';
import { Argon2PasswordHasher } from './adapters/outbound/argon2/argon2-password.hasher';
import { Hs256AccessTokenCodec } from './adapters/outbound/jwt/hs256-access-token.codec';
import { MemoryIdempotencyStore } from './adapters/outbound/memory/memory-idempotency.store';
import { MemoryRateLimitStore } from './adapters/outbound/memory/memory-rate-limit.store';
import { MemoryRefreshTokenStore } from './adapters/outbound/memory/memory-refresh-token.store';
import { MemorySessionRevocationStore } from './adapters/outbound/memory/memory-session-revocation.store';
import { MemoryUserRepository } from './adapters/outbound/memory/memory-user.repository';
import { IDENTITY_SCHEMA, PostgresUserRepository } from './adapters/outbound/postgres/postgres-user.repository';
import { RedisIdempotencyStore } from './adapters/outbound/redis/redis-idempotency.store';
import { RedisRateLimitStore } from './adapters/outbound/redis/redis-rate-limit.store';
import { RedisRefreshTokenStore } from './adapters/outbound/redis/redis-refresh-token.store';
import { RedisSessionRevocationStore } from './adapters/outbound/redis/redis-session-revocation.store';
import { readIdentitySettings } from './identity.config';
import { IDENTITY_RUNTIME, IdentityLifecycle, IdentityRuntime } from './identity.lifecycle';
import { AccessTokenCodec, IdempotencyStore, PasswordHasher, RateLimitStore, RefreshTokenStore, SessionRevocationStore, UserRepository } from './ports';

const HANDLERS = [
  RegisterUserHandler,
  RegisterPhoneUserHandler,
  DeleteUserHandler,
  LogInHandler,
  RefreshSessionHandler,
  LogOutHandler,
  GetUserByEmailHandler,
  GetUserByIdHandler,
  VerifyCredentialsHandler,
  UserExistsHandler,
];

const MEMORY_ADAPTERS: Provider[] = [
  { provide: OutboxStore, useFactory: () => new InMemoryOutboxStore() },
  { provide: UserRepository, inject: [OutboxStore], useFactory: (outbox: InMemoryOutboxStore) => new MemoryUserRepository(outbox) },
  { provide: IdempotencyStore, inject: [Clock], useFactory: (clock: Clock) => new MemoryIdempotencyStore(clock) },
  { provide: RefreshTokenStore, inject: [Clock], useFactory: (clock: Clock) => new MemoryRefreshTokenStore(clock) },
  { provide: RateLimitStore, inject: [Clock], useFactory: (clock: Clock) => new MemoryRateLimitStore(clock) },
  { provide: SessionRevocationStore, inject: [Clock], useFactory: (clock: Clock) => new MemorySessionRevocationStore(clock) },
];

const REAL_ADAPTERS: Provider[] = [
  { provide: OutboxStore, inject: [PostgresClient], useFactory: (pg: PostgresClient) => new PostgresOutboxStore(pg.pool, { schema: IDENTITY_SCHEMA }) },
  { provide: UserRepository, inject: [PostgresClient, OutboxStore], useFactory: (pg: PostgresClient, outbox: PostgresOutboxStore) => new PostgresUserRepository(pg, outbox) },
  { provide: IdempotencyStore, inject: [RedisClient], useFactory: (redis: RedisClient) => new RedisIdempotencyStore(redis) },
  { provide: RefreshTokenStore, inject: [RedisClient], useFactory: (redis: RedisClient) => new RedisRefreshTokenStore(redis) },
  { provide: RateLimitStore, inject: [RedisClient], useFactory: (redis: RedisClient) => new RedisRateLimitStore(redis) },
  { provide: SessionRevocationStore, inject: [RedisClient], useFactory: (redis: RedisClient) => new RedisSessionRevocationStore(redis) },
];

/**
 * The identity bounded context: accounts, argon2id passwords, JWT sessions, at-most-once registration, seed 000's gRPC
 * UserService and Junction's IdentityService. Global, so its IdentityFacade serves every module (and the platform's
 * AuthGuard) in the process.
 */
@Module({})
export class IdentityModule {
  static register({ adapters, config }: ModuleRegistration): DynamicModule {
    const settings = readIdentitySettings(config, adapters);
    const runtime: IdentityRuntime = { adapters, demoData: settings.demoData, jwtSecretGenerated: settings.jwtSecretGenerated };
    return {
      module: IdentityModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      controllers: [UsersController, AuthController, SeedUsersController, UserServiceGrpcController, IdentityServiceGrpcController],
      providers: [
        IdentitySeedCorsSetup,
        { provide: IDENTITY_SETTINGS, useValue: settings.app },
        { provide: IDENTITY_RUNTIME, useValue: runtime },
        { provide: Clock, useClass: SystemClock },
        IdentityMetrics,
        {
          provide: AccessTokenCodec,
          inject: [Clock],
          useFactory: (clock: Clock) => new Hs256AccessTokenCodec({ secret: settings.jwtSecret, ttlSeconds: settings.app.accessTokenTtlSeconds, issuer: 'junction', audience: 'junction', clock }),
        },
        {
          provide: PasswordHasher,
          inject: [IdentityMetrics],
          useFactory: (metrics: IdentityMetrics) =>
            new Argon2PasswordHasher({
              maxConcurrent: settings.hashConcurrency,
              maxQueued: settings.hashQueueLimit,
              onDuration: (operation, seconds) => metrics.hashDuration(operation, seconds),
              onShed: () => metrics.hashShed(),
            }),
        },
        ...(adapters === 'real' ? REAL_ADAPTERS : MEMORY_ADAPTERS),
        AtMostOnce,
        LoginThrottle,
        RegistrationThrottle,
        TokenRevocations,
        Sessions,
        Credentials,
        AtMostOnceInterceptor,
        ...HANDLERS,
        LocalIdentityFacade,
        { provide: IdentityFacade, useExisting: LocalIdentityFacade },
        IdentityLifecycle,
      ],
      exports: [IdentityFacade],
    };
  }
}
