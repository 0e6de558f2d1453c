import type { AccessTokenCodec } from './access-token-codec';

export interface AccessTokenCodecHarness {
  codec: AccessTokenCodec;
  /** Same kind, different key: its tokens must not verify. */
  otherKey: AccessTokenCodec;
  /** Same key, moves time forward past the expiry. */
  advance(ms: number): void;
  ttlSeconds: number;
}

export function accessTokenCodecContract(name: string, makeHarness: () => AccessTokenCodecHarness): void {
  describe(`AccessTokenCodec contract: ${name}`, () => {
    const claims = { userId: '0b7e7d0e-3c1a-4f5e-9d7a-2f0c7d1b9e11', email: 'ada@example.com', roles: ['user'], sessionId: '5f1c2a77-8b0e-4d6a-9c3e-0a1b2c3d4e5f' };

    it('issues a token that verifies back to its claims, with the configured lifetime', () => {
      const h = makeHarness();
      const issued = h.codec.issue(claims);
      expect(issued.expiresInSeconds).toBe(h.ttlSeconds);
      expect(h.codec.verify(issued.token)).toEqual(claims);
    });

    it('rejects tokens signed with another key, tampered with, truncated or garbage — without throwing', () => {
      const h = makeHarness();
      const token = h.codec.issue(claims).token;
      expect(h.codec.verify(h.otherKey.issue(claims).token)).toBeNull();
      const [head, body, sig] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), roles: ['admin'] })).toString('base64url');
      expect(h.codec.verify(`${head}.${forged}.${sig}`)).toBeNull();
      expect(h.codec.verify(`${head}.${body}.`)).toBeNull();
      expect(h.codec.verify(`${head}.${body}`)).toBeNull();
      for (const junk of ['', 'x', 'a.b.c', '...', '\u0000', 'é.é.é', 'x'.repeat(10_000)]) expect(h.codec.verify(junk)).toBeNull();
    });

    it('rejects the "none" algorithm', () => {
      const h = makeHarness();
      const [, body] = h.codec.issue(claims).token.split('.');
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      expect(h.codec.verify(`${none}.${body}.`)).toBeNull();
    });

    it('rejects an expired token', () => {
      const h = makeHarness();
      const token = h.codec.issue(claims).token;
      h.advance(h.ttlSeconds * 1000 + 1000);
      expect(h.codec.verify(token)).toBeNull();
    });
  });
}
