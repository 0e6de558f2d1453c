import { Inject, Injectable } from '@nestjs/common';
import { IdentityFacade } from '@libs/contracts';
import { DomainError } from '@libs/kernel';
import { MetricsService, ResiliencePolicy, createPolicy } from '@libs/platform';
import { FlightsErrorCode, normaliseEmail } from '../../domain';
import { FLIGHTS_SETTINGS, FlightsSettings } from '../flights-settings';

export interface Caller {
  /** Normalised. */
  email: string;
  roles: readonly string[];
  via: 'token' | 'password';
}

/**
 * Who is calling, checked through identity's facade (in-process or gRPC) behind flights' own timeout, retry (on
 * UNAVAILABLE only) and circuit breaker: an identity that is down makes the routes answer 503, never 401 or 500.
 */
@Injectable()
export class CallerAuthenticator {
  private readonly policy: ResiliencePolicy;

  constructor(
    private readonly identity: IdentityFacade,
    @Inject(FLIGHTS_SETTINGS) settings: FlightsSettings,
    metrics: MetricsService,
  ) {
    this.policy = createPolicy({
      name: 'flights-identity',
      errorCode: FlightsErrorCode.IdentityUnavailable,
      timeoutMs: settings.identity.timeoutMs,
      retries: settings.identity.retries,
      breakerThreshold: settings.identity.breakerThreshold,
      halfOpenAfterMs: settings.identity.halfOpenMs,
      initialBackoffMs: 50,
      maxBackoffMs: 500,
      onBreakerStateChange: (state) => metrics.breakerState.set({ policy: 'flights-identity' }, state),
    });
  }

  async fromToken(token: string): Promise<Caller> {
    const user = await this.policy.execute(() => this.identity.verifyAccessToken(token));
    if (!user) throw new DomainError(FlightsErrorCode.Unauthenticated, 'unauthorized', 'the access token is invalid or expired');
    return { email: normaliseEmail(user.email), roles: user.roles, via: 'token' };
  }

  /**
   * Seed 000's `email` + `password` headers, checked with identity's VerifyCredentials: identity's one credentials
   * service, throttled per account and client IP like its logins (a throttled attempt is IDENTITY.TOO_MANY_ATTEMPTS,
   * 429 + Retry-After, passed through unchanged).
   */
  async fromPassword(email: string, password: string, clientIp: string): Promise<Caller> {
    const valid = await this.policy.execute(() => this.identity.verifyCredentials(email, password, { clientIp }));
    if (!valid) throw new DomainError(FlightsErrorCode.InvalidCredentials, 'unauthorized', 'Invalid credentials or unauthorized access');
    return { email: normaliseEmail(email), roles: [], via: 'password' };
  }

  /** Whether a user still exists (the reconciliation fallback). */
  userExists(email: string): Promise<boolean> {
    return this.policy.execute(() => this.identity.userExists(email));
  }
}
