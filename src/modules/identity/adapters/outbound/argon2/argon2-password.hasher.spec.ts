import * as argon2 from 'argon2';
import { passwordHasherContract } from '../../../ports/password-hasher.contract';
import { Argon2PasswordHasher, OWASP_ARGON2ID } from './argon2-password.hasher';

// The real (OWASP) parameters, as production uses them: ~26 ms a hash on 2 cores, a dozen hashes here.
passwordHasherContract('argon2id (OWASP parameters)', () => ({
  hasher: new Argon2PasswordHasher({ maxConcurrent: 2, maxQueued: 100 }),
  older: new Argon2PasswordHasher({ parameters: { memoryCost: 4096, timeCost: 1, parallelism: 1 }, maxConcurrent: 2, maxQueued: 100 }),
  format: /^\$argon2id\$v=19\$(?=[^$]*\bm=19456\b)(?=[^$]*\bt=2\b)(?=[^$]*\bp=1\b)[^$]+\$/,
}));

describe('Argon2PasswordHasher', () => {
  it('uses at least the OWASP parameters by default', () => {
    expect(new Argon2PasswordHasher({ maxConcurrent: 1, maxQueued: 1 }).parameters).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(OWASP_ARGON2ID.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
  });

  it('flags argon2i/argon2d hashes and other parameters for rehash', async () => {
    const hasher = new Argon2PasswordHasher({ maxConcurrent: 1, maxQueued: 1 });
    const argon2i = await argon2.hash('pw-for-test', { type: argon2.argon2i, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(hasher.needsRehash(argon2i)).toBe(true);
    const stronger = await argon2.hash('pw-for-test', { type: argon2.argon2id, memoryCost: 8192, timeCost: 3, parallelism: 1 });
    expect(hasher.needsRehash(stronger)).toBe(true);
  });

  it('sheds work beyond its queue with a retryable IDENTITY.OVERLOADED instead of queueing without bound', async () => {
    const shed: number[] = [];
    const hasher = new Argon2PasswordHasher({ parameters: { memoryCost: 1024, timeCost: 1, parallelism: 1 }, maxConcurrent: 1, maxQueued: 2, onShed: () => shed.push(1) });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => hasher.hash('pw-for-test')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'IDENTITY.OVERLOADED', category: 'unavailable', retryAfterSeconds: 1 });
    }
    expect(shed).toHaveLength(3);
    expect(hasher.load()).toEqual({ running: 0, waiting: 0 });
  });
});
