import { Email, PhoneNumber, User, emailTaken, phoneTaken } from '../../../domain';
import { EventEnvelope, UserRepository } from '../../../ports';

/** Where the memory repository puts events: the in-memory outbox of libs/messaging (`InMemoryOutboxStore`). */
export interface MemoryOutbox {
  append(events: readonly EventEnvelope[]): Promise<void>;
}

/**
 * Accounts in a Map (ADAPTERS=memory). Every check-and-write runs without an await in between, so JavaScript's single
 * thread makes it atomic exactly like the PostgreSQL unique constraints.
 */
export class MemoryUserRepository extends UserRepository {
  private readonly byId = new Map<string, User>();
  private readonly idByEmail = new Map<string, string>();
  private readonly idByPhone = new Map<string, string>();

  constructor(private readonly outbox: MemoryOutbox) {
    super();
  }

  async insert(user: User, events: readonly EventEnvelope[]): Promise<void> {
    if (this.idByEmail.has(user.email.value)) throw emailTaken();
    if (user.phoneNumber && this.idByPhone.has(user.phoneNumber.value)) throw phoneTaken();
    this.byId.set(user.id, user);
    this.idByEmail.set(user.email.value, user.id);
    if (user.phoneNumber) this.idByPhone.set(user.phoneNumber.value, user.id);
    try {
      await this.outbox.append(events);
    } catch (error) {
      this.forget(user);
      throw error;
    }
  }

  async delete(userId: string, events: readonly EventEnvelope[]): Promise<boolean> {
    const user = this.byId.get(userId);
    if (!user) return false;
    this.forget(user);
    try {
      await this.outbox.append(events);
    } catch (error) {
      this.remember(user);
      throw error;
    }
    return true;
  }

  async findById(userId: string): Promise<User | null> {
    return this.byId.get(userId) ?? null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    const id = this.idByEmail.get(email.value);
    return id ? (this.byId.get(id) ?? null) : null;
  }

  async findByPhone(phone: PhoneNumber): Promise<User | null> {
    const id = this.idByPhone.get(phone.value);
    return id ? (this.byId.get(id) ?? null) : null;
  }

  async replacePasswordHash(userId: string, expectedHash: string, newHash: string): Promise<boolean> {
    const user = this.byId.get(userId);
    if (!user || user.passwordHash !== expectedHash) return false;
    this.byId.set(userId, user.withPasswordHash(newHash));
    return true;
  }

  /** Number of accounts (tests and demo data). */
  size(): number {
    return this.byId.size;
  }

  private forget(user: User): void {
    this.byId.delete(user.id);
    this.idByEmail.delete(user.email.value);
    if (user.phoneNumber) this.idByPhone.delete(user.phoneNumber.value);
  }

  private remember(user: User): void {
    this.byId.set(user.id, user);
    this.idByEmail.set(user.email.value, user.id);
    if (user.phoneNumber) this.idByPhone.set(user.phoneNumber.value, user.id);
  }
}
