import type { EventEnvelope } from '@libs/messaging';
import type { Email, PhoneNumber, User } from '../domain';

export type { EventEnvelope };

/**
 * Accounts. Writes take the integration events the change causes and store them in the module's outbox in the same
 * transaction (PostgreSQL) — a committed account always gets its event out, a rolled-back one never does.
 */
export abstract class UserRepository {
  /** Throws IDENTITY.EMAIL_TAKEN / IDENTITY.PHONE_TAKEN (conflict) when a unique value exists. */
  abstract insert(user: User, events: readonly EventEnvelope[]): Promise<void>;

  /** Removes the account and enqueues `events`; false (and nothing enqueued) when it did not exist. */
  abstract delete(userId: string, events: readonly EventEnvelope[]): Promise<boolean>;

  abstract findById(userId: string): Promise<User | null>;

  abstract findByEmail(email: Email): Promise<User | null>;

  abstract findByPhone(phone: PhoneNumber): Promise<User | null>;

  /** Replaces the hash only if it is still `expectedHash` (a concurrent rehash or password change wins). */
  abstract replacePasswordHash(userId: string, expectedHash: string, newHash: string): Promise<boolean>;
}
