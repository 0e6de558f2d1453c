import { randomUUID } from 'node:crypto';
import { Email, PhoneNumber, User } from '../domain';
import type { EventEnvelope, UserRepository } from './user-repository';

export interface UserRepositoryHarness {
  repository: UserRepository;
  /** Events the repository put in the outbox for this aggregate key (user id). */
  outboxFor(key: string): Promise<EventEnvelope[]>;
  close?(): Promise<void>;
}

const unique = (): string => randomUUID().slice(0, 8);

export function aUser(overrides: Partial<{ email: string; phone: string | null; id: string; hash: string }> = {}): User {
  const tag = unique();
  return User.register({
    id: overrides.id ?? randomUUID(),
    email: Email.parse(overrides.email ?? `user-${tag}@example.com`),
    phoneNumber: overrides.phone === null ? null : PhoneNumber.parse(overrides.phone ?? `+1555${Math.floor(1e6 + Math.random() * 8.99e6)}`),
    firstName: 'Ada',
    lastName: 'Lovelace',
    passwordHash: overrides.hash ?? '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    registeredAt: new Date('2026-01-02T03:04:05.678Z'),
  });
}

export function anEvent(type: string, key: string): EventEnvelope {
  return { id: randomUUID(), type, version: 1, key, occurredAt: new Date().toISOString(), correlationId: randomUUID(), payload: { userId: key } } as EventEnvelope;
}

/** The behaviour every UserRepository adapter must have (run against memory in *.spec.ts, PostgreSQL in *.int-spec.ts). */
export function userRepositoryContract(name: string, makeHarness: () => Promise<UserRepositoryHarness>): void {
  describe(`UserRepository contract: ${name}`, () => {
    let h: UserRepositoryHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h.close?.();
    });

    it('stores an account and finds it by id, email and phone with every field intact', async () => {
      const user = aUser();
      await h.repository.insert(user, [anEvent('identity.user-registered.v1', user.id)]);
      for (const found of [await h.repository.findById(user.id), await h.repository.findByEmail(user.email), await h.repository.findByPhone(user.phoneNumber!)]) {
        expect(found?.toPublic()).toEqual(user.toPublic());
        expect(found?.passwordHash).toBe(user.passwordHash);
      }
    });

    it('answers null for unknown accounts (and for ids that are not UUIDs)', async () => {
      expect(await h.repository.findById(randomUUID())).toBeNull();
      expect(await h.repository.findById('not-a-uuid')).toBeNull();
      expect(await h.repository.findByEmail(Email.parse(`nobody-${unique()}@example.com`))).toBeNull();
      expect(await h.repository.findByPhone(PhoneNumber.parse('+99912345678901'))).toBeNull();
    });

    it('accepts accounts without a phone number (several of them)', async () => {
      const a = aUser({ phone: null });
      const b = aUser({ phone: null });
      await h.repository.insert(a, []);
      await h.repository.insert(b, []);
      expect((await h.repository.findById(b.id))?.phoneNumber).toBeNull();
    });

    it('rejects a taken email with IDENTITY.EMAIL_TAKEN and enqueues nothing for the loser', async () => {
      const first = aUser();
      await h.repository.insert(first, [anEvent('identity.user-registered.v1', first.id)]);
      const second = aUser({ email: first.email.value });
      await expect(h.repository.insert(second, [anEvent('identity.user-registered.v1', second.id)])).rejects.toMatchObject({ code: 'IDENTITY.EMAIL_TAKEN', category: 'conflict' });
      expect(await h.outboxFor(second.id)).toEqual([]);
      expect(await h.repository.findById(second.id)).toBeNull();
    });

    it('rejects a taken phone number with IDENTITY.PHONE_TAKEN', async () => {
      const first = aUser();
      await h.repository.insert(first, []);
      await expect(h.repository.insert(aUser({ phone: first.phoneNumber!.value }), [])).rejects.toMatchObject({ code: 'IDENTITY.PHONE_TAKEN', category: 'conflict' });
    });

    it('lets exactly one of many concurrent inserts of the same email win', async () => {
      const email = `race-${unique()}@example.com`;
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => h.repository.insert(aUser({ email, phone: null }), [])));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'IDENTITY.EMAIL_TAKEN' });
    });

    it('writes the events of an insert and of a delete to the outbox, in order', async () => {
      const user = aUser();
      const registered = anEvent('identity.user-registered.v1', user.id);
      await h.repository.insert(user, [registered]);
      const deleted = anEvent('identity.user-deleted.v1', user.id);
      expect(await h.repository.delete(user.id, [deleted])).toBe(true);
      expect((await h.outboxFor(user.id)).map((e) => e.id)).toEqual([registered.id, deleted.id]);
    });

    it('deletes an account (freeing its email and phone) and reports false, enqueuing nothing, for an unknown one', async () => {
      const user = aUser();
      await h.repository.insert(user, []);
      expect(await h.repository.delete(user.id, [])).toBe(true);
      expect(await h.repository.findByEmail(user.email)).toBeNull();
      const ghost = randomUUID();
      expect(await h.repository.delete(ghost, [anEvent('identity.user-deleted.v1', ghost)])).toBe(false);
      expect(await h.outboxFor(ghost)).toEqual([]);
      await h.repository.insert(aUser({ email: user.email.value, phone: user.phoneNumber!.value }), []);
    });

    it('replaces a password hash only when it is still the expected one', async () => {
      const user = aUser({ hash: 'old-hash' });
      await h.repository.insert(user, []);
      expect(await h.repository.replacePasswordHash(user.id, 'stale', 'x')).toBe(false);
      expect(await h.repository.replacePasswordHash(user.id, 'old-hash', 'new-hash')).toBe(true);
      expect((await h.repository.findById(user.id))?.passwordHash).toBe('new-hash');
      expect(await h.repository.replacePasswordHash(randomUUID(), 'old-hash', 'x')).toBe(false);
    });
  });
}
