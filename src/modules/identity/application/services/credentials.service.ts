import { Injectable } from '@nestjs/common';
import { isDomainError } from '@libs/kernel';
import { IdentityErrorCode, type User } from '../../domain';
import { PasswordHasher, UserRepository } from '../../ports';
import { IdentityMetrics } from './identity-metrics';
import { LoginThrottle } from './login-throttle.service';
import { guardStore } from './store-errors';

/** How a caller named the account a password is presented for. */
export type PresentedAccount =
  | { kind: 'email' | 'phone'; identifier: string; find: () => Promise<User | null> }
  /** A malformed identifier names no account: it costs and answers what an unknown one does. */
  | { kind: 'malformed'; identifier: string };

export interface PasswordAttempt {
  account: PresentedAccount;
  password: string;
  /**
   * The client's IP as the edge saw it (HTTP: the connection or a trusted proxy's X-Forwarded-For; gRPC: the
   * identity.v1 caller's `client_ip`, else the peer address). Undefined only when nobody could tell.
   */
  clientIp: string | undefined;
}

export type PasswordCheck = { valid: true; user: User } | { valid: false; user: User | null };

/** Counted under this address when a caller could not tell the client's IP (ADR 0012). */
const UNATTRIBUTED = 'unattributed';

/**
 * The one place a presented password is checked — `/auth/login`, `/api/user/login`, `DELETE /users/{email}`,
 * gRPC `VerifyCredentials` (user.UserService and identity.v1, hence flights' email/password headers): the same
 * throttle and lock state (LoginThrottle) for all of them, counted against the user (so email and phone share one
 * budget) or, for an unknown account, against the identifier. The check costs the same whether or not the account
 * exists (an unknown account is checked against a dummy hash), and a hash made under older parameters is rehashed.
 */
@Injectable()
export class Credentials {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly metrics: IdentityMetrics,
  ) {}

  /** Throws IDENTITY.TOO_MANY_ATTEMPTS (rate_limited) before any hash when throttled; store down → unavailable. */
  async verify({ account, password, clientIp }: PasswordAttempt): Promise<PasswordCheck> {
    const user = account.kind === 'malformed' ? null : await guardStore('user store', account.find);
    const throttleKey = user ? `user:${user.id}` : `unknown:${account.kind}:${account.identifier}`;
    const ip = clientIp && clientIp.trim() !== '' ? clientIp : UNATTRIBUTED;
    try {
      await this.throttle.assertAllowed(throttleKey, ip);
    } catch (error) {
      if (isDomainError(error) && error.code === IdentityErrorCode.TooManyAttempts) this.metrics.login('throttled');
      throw error;
    }
    if (!(await this.check(user, password)) || !user) {
      await this.throttle.recordFailure(throttleKey, ip);
      this.metrics.login('failure');
      return { valid: false, user };
    }
    await this.throttle.recordSuccess(throttleKey, ip);
    this.metrics.login('success');
    return { valid: true, user };
  }

  private async check(user: User | null, password: string): Promise<boolean> {
    if (!user) {
      await this.hasher.verify(await this.dummy(), password);
      return false;
    }
    const ok = await this.hasher.verify(user.passwordHash, password);
    if (ok && this.hasher.needsRehash(user.passwordHash)) await this.rehash(user, password);
    return ok;
  }

  /** Computed once, under the current parameters, so it costs what a real account's check costs. */
  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(`timing-equaliser-${Math.random()}`).catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    return this.dummyHash;
  }

  private async rehash(user: User, password: string): Promise<void> {
    try {
      const fresh = await this.hasher.hash(password);
      await guardStore('user store', () => this.users.replacePasswordHash(user.id, user.passwordHash, fresh));
    } catch {
      // The login itself succeeded; the rehash is retried at the next one.
    }
  }
}
