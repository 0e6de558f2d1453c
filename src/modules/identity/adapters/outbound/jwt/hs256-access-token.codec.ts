import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Clock } from '@libs/kernel';
import { AccessTokenClaims, AccessTokenCodec, IssuedAccessToken } from '../../../ports';

export interface Hs256Options {
  /** At least 32 bytes of secret. */
  secret: string;
  ttlSeconds: number;
  issuer: string;
  audience: string;
  clock: Clock;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const MAX_TOKEN_LENGTH = 4096;
const B64URL = /^[A-Za-z0-9_-]+$/;

interface Payload {
  iss: string;
  aud: string;
  sub: string;
  email: string;
  roles: string[];
  iat: number;
  exp: number;
  jti: string;
  /** Session id: the refresh-token family, revoked by logout, family reuse and account deletion. */
  sid: string;
}

/**
 * JWT (RFC 7519) signed with HMAC-SHA256 by node:crypto — no dependency. Verification accepts exactly the header this
 * codec writes (so `alg: none` and algorithm confusion are impossible), compares signatures in constant time, and
 * checks issuer, audience and expiry.
 */
export class Hs256AccessTokenCodec extends AccessTokenCodec {
  private readonly key: Buffer;

  constructor(private readonly options: Hs256Options) {
    super();
    this.key = Buffer.from(options.secret, 'utf8');
  }

  issue(claims: AccessTokenClaims): IssuedAccessToken {
    const iat = Math.floor(this.options.clock.now().getTime() / 1000);
    const payload: Payload = {
      iss: this.options.issuer,
      aud: this.options.audience,
      sub: claims.userId,
      email: claims.email,
      roles: [...claims.roles],
      iat,
      exp: iat + this.options.ttlSeconds,
      jti: randomUUID(),
      sid: claims.sessionId,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { token: `${HEADER}.${body}.${this.sign(`${HEADER}.${body}`)}`, expiresInSeconds: this.options.ttlSeconds };
  }

  verify(token: string): AccessTokenClaims | null {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER || !B64URL.test(parts[1]) || !B64URL.test(parts[2])) return null;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let payload: Partial<Payload>;
    try {
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<Payload>;
    } catch {
      return null;
    }
    const now = this.options.clock.now().getTime() / 1000;
    if (payload.iss !== this.options.issuer || payload.aud !== this.options.audience) return null;
    if (typeof payload.exp !== 'number' || payload.exp <= now) return null;
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string' || !Array.isArray(payload.roles)) return null;
    // Tokens without a session id (issued before sessions were revocable) cannot be revoked: refused.
    if (typeof payload.sid !== 'string' || payload.sid === '') return null;
    return { userId: payload.sub, email: payload.email, roles: payload.roles.filter((r): r is string => typeof r === 'string'), sessionId: payload.sid };
  }

  private sign(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}
