import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '@libs/kernel';
import { IdentityErrorCode, User } from '../../domain';
import { AccessTokenClaims, AccessTokenCodec, IssuedAccessToken, RefreshTokenStore } from '../../ports';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity-settings';
import type { Session } from '../views';
import { guardStore } from './store-errors';
import { TokenRevocations } from './token-revocations.service';

/** `<family uuid>.<256 random bits, base64url>`: opaque to clients, stored only as its SHA-256. */
const REFRESH_TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

function invalidRefreshToken(): DomainError {
  return new DomainError(IdentityErrorCode.InvalidRefreshToken, 'unauthorized', 'invalid or expired refresh token');
}

/**
 * Access tokens (JWT) and rotating refresh-token families. An access token's session id (`sid`) is its refresh family's
 * id, so revoking a family (logout, reuse) or every family of a user (deletion) also revokes the access tokens it
 * issued (TokenRevocations).
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly codec: AccessTokenCodec,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly revocations: TokenRevocations,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  /** A token of its own session (seed 002's registration answers one without a refresh token). */
  accessTokenFor(user: User, sessionId: string = randomUUID()): IssuedAccessToken {
    return this.codec.issue({ userId: user.id, email: user.email.value, roles: user.rolesUnder(this.settings.adminEmails), sessionId });
  }

  /** The claims of a valid token whose session and user are not revoked; null otherwise. Store down → 503. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims | null> {
    const claims = this.codec.verify(token);
    if (!claims) return null;
    return (await this.revocations.isRevoked(claims.sessionId, claims.userId)) ? null : claims;
  }

  /** Login: a new family. */
  async open(user: User): Promise<Session> {
    const familyId = randomUUID();
    const refreshToken = this.newToken(familyId);
    await guardStore('session store', () => this.refreshTokens.createFamily(familyId, user.id, hashOf(refreshToken), this.ttlMs()));
    return this.session(user, refreshToken, familyId);
  }

  /**
   * Refresh: the presented token must be its family's current one; it is replaced by a new one. Presenting a token that
   * was already rotated away revokes the family (the legitimate holder and the thief both lose it).
   */
  async rotate(refreshToken: unknown, loadUser: (userId: string) => Promise<User | null>): Promise<Session> {
    const familyId = this.familyOf(refreshToken);
    const next = this.newToken(familyId);
    const result = await guardStore('session store', () => this.refreshTokens.rotate(familyId, hashOf(refreshToken as string), hashOf(next), this.ttlMs()));
    if (result.kind === 'reused') {
      await this.revocations.revokeSessions([familyId]);
      throw new DomainError(IdentityErrorCode.RefreshTokenReused, 'unauthorized', 'refresh token was already used; every session of this login has been revoked');
    }
    if (result.kind === 'invalid') throw invalidRefreshToken();
    const user = await loadUser(result.userId);
    if (!user) {
      await this.refreshTokens.revokeAllForUser(result.userId).catch(() => undefined);
      await this.revocations.revokeUser(result.userId).catch(() => undefined);
      throw invalidRefreshToken();
    }
    return this.session(user, next, familyId);
  }

  /**
   * Logout: revokes the token's family and the access tokens of that session. Unknown tokens are ignored (logout is
   * idempotent); a token of an already revoked family still revokes its session's access tokens (a retried logout).
   */
  async close(refreshToken: unknown): Promise<void> {
    const familyId = this.familyOf(refreshToken);
    const revoked = await guardStore('session store', () => this.refreshTokens.revoke(familyId, hashOf(refreshToken as string)));
    if (revoked) await this.revocations.revokeSessions([familyId]);
  }

  /** Account deleted: every refresh family and every access token of the user. */
  async closeAllFor(userId: string): Promise<void> {
    await this.revocations.revokeUser(userId);
    await guardStore('session store', () => this.refreshTokens.revokeAllForUser(userId));
  }

  private familyOf(refreshToken: unknown): string {
    const match = typeof refreshToken === 'string' ? REFRESH_TOKEN.exec(refreshToken) : null;
    if (!match) throw invalidRefreshToken();
    return match[1];
  }

  private newToken(familyId: string): string {
    return `${familyId}.${randomBytes(32).toString('base64url')}`;
  }

  private session(user: User, refreshToken: string, sessionId: string): Session {
    const access = this.accessTokenFor(user, sessionId);
    return { accessToken: access.token, refreshToken, tokenType: 'Bearer', expiresInSeconds: access.expiresInSeconds, user: user.toPublic() };
  }

  private ttlMs(): number {
    return this.settings.refreshTokenTtlSeconds * 1000;
  }
}
