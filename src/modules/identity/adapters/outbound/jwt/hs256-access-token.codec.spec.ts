import { createHmac } from 'node:crypto';
import { ManualClock } from '@libs/kernel';
import { accessTokenCodecContract } from '../../../ports/access-token-codec.contract';
import { Hs256AccessTokenCodec } from './hs256-access-token.codec';

accessTokenCodecContract('HS256 (node:crypto)', () => {
  const clock = new ManualClock();
  const make = (secret: string) => new Hs256AccessTokenCodec({ secret, ttlSeconds: 900, issuer: 'junction', audience: 'junction', clock });
  return { codec: make('a'.repeat(32)), otherKey: make('b'.repeat(32)), advance: (ms) => clock.advance(ms), ttlSeconds: 900 };
});

describe('Hs256AccessTokenCodec', () => {
  it('writes a standard JWT: HS256 header, sub/email/roles/iat/exp/iss/aud/jti/sid claims', () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    const codec = new Hs256AccessTokenCodec({ secret: 's'.repeat(32), ttlSeconds: 900, issuer: 'junction', audience: 'junction', clock });
    const [header, body] = codec.issue({ userId: 'u', email: 'e@x.io', roles: ['user'], sessionId: 's-1' }).token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual({
      iss: 'junction', aud: 'junction', sub: 'u', email: 'e@x.io', roles: ['user'], iat: 1767225600, exp: 1767226500, jti: expect.any(String), sid: 's-1',
    });
  });

  it('refuses a correctly signed token without a session id (it could never be revoked)', () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    const secret = 's'.repeat(32);
    const codec = new Hs256AccessTokenCodec({ secret, ttlSeconds: 900, issuer: 'junction', audience: 'junction', clock });
    const [header, body] = codec.issue({ userId: 'u', email: 'e@x.io', roles: ['user'], sessionId: 's-1' }).token.split('.');
    const { sid: _sid, ...withoutSid } = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const unsigned = `${header}.${Buffer.from(JSON.stringify(withoutSid)).toString('base64url')}`;
    const legacy = `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    expect(codec.verify(legacy)).toBeNull();
  });
});
