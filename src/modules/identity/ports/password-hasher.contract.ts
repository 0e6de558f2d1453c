import type { PasswordHasher } from './password-hasher';

export interface PasswordHasherHarness {
  hasher: PasswordHasher;
  /** A hasher of the same kind with weaker (older) parameters: its hashes must be flagged for rehash. */
  older?: PasswordHasher;
  /** Format every hash must match (e.g. the argon2id PHC prefix). */
  format: RegExp;
}

export function passwordHasherContract(name: string, makeHarness: () => PasswordHasherHarness): void {
  describe(`PasswordHasher contract: ${name}`, () => {
    const h = makeHarness();

    it('hashes into the expected self-describing format, salted (two hashes of one password differ)', async () => {
      const a = await h.hasher.hash('correct horse battery staple');
      const b = await h.hasher.hash('correct horse battery staple');
      expect(a).toMatch(h.format);
      expect(a).not.toBe(b);
      expect(a).not.toContain('correct horse');
    });

    it('verifies the right password and rejects a wrong one', async () => {
      const hash = await h.hasher.hash('Tr0ub4dor&3-extended');
      expect(await h.hasher.verify(hash, 'Tr0ub4dor&3-extended')).toBe(true);
      expect(await h.hasher.verify(hash, 'Tr0ub4dor&3-extendeD')).toBe(false);
      expect(await h.hasher.verify(hash, '')).toBe(false);
    });

    it('handles any unicode password exactly as typed', async () => {
      const hash = await h.hasher.hash('pässwörd 🚀 密码');
      expect(await h.hasher.verify(hash, 'pässwörd 🚀 密码')).toBe(true);
      expect(await h.hasher.verify(hash, 'pa\u0308sswörd 🚀 密码')).toBe(false);
    });

    it('answers false (never throws) for malformed or foreign hashes', async () => {
      for (const bad of ['', 'not-a-hash', '$2b$10$abcdefghijklmnopqrstuuCVy1rIY0w8HgPmD8rGDFDn1Lx1YqA9a', '$argon2id$v=19$m=1,t=1,p=1$x$y']) {
        await expect(h.hasher.verify(bad, 'whatever')).resolves.toBe(false);
      }
    });

    it('does not ask to rehash its own hashes, but does for foreign ones and older parameters', async () => {
      expect(h.hasher.needsRehash(await h.hasher.hash('some password'))).toBe(false);
      expect(h.hasher.needsRehash('$2b$10$abcdefghijklmnopqrstuuCVy1rIY0w8HgPmD8rGDFDn1Lx1YqA9a')).toBe(true);
      if (h.older) {
        const old = await h.older.hash('some password');
        expect(h.hasher.needsRehash(old)).toBe(true);
        expect(await h.hasher.verify(old, 'some password')).toBe(true);
      }
    });
  });
}
