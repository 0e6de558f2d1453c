import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { isUuid } from '@libs/kernel';
import type { OutboxStore, Queryable } from '@libs/messaging';
import type { PostgresClient } from '@libs/platform';
import { Email, PhoneNumber, User, emailTaken, phoneTaken } from '../../../domain';
import { EventEnvelope, UserRepository } from '../../../ports';

/** identity's SQL migrations (run at boot with the platform's runMigrations). */
export const IDENTITY_MIGRATIONS_DIRECTORY = join(__dirname, 'migrations');
export const IDENTITY_SCHEMA = 'identity';

interface Row {
  user_id: string;
  email: string;
  phone_number: string | null;
  first_name: string;
  last_name: string;
  password_hash: string;
  registered_at: Date;
}

const COLUMNS = 'user_id, email, phone_number, first_name, last_name, password_hash, registered_at';

function toUser(row: Row): User {
  return User.restore({
    id: row.user_id,
    email: Email.parse(row.email),
    phoneNumber: row.phone_number === null ? null : PhoneNumber.parse(row.phone_number),
    firstName: row.first_name,
    lastName: row.last_name,
    passwordHash: row.password_hash,
    registeredAt: row.registered_at,
  });
}

/** Accounts in `identity.users`; events go to `identity.outbox` in the same transaction. */
export class PostgresUserRepository extends UserRepository {
  constructor(
    private readonly db: PostgresClient,
    private readonly outbox: OutboxStore<Queryable>,
  ) {
    super();
  }

  async insert(user: User, events: readonly EventEnvelope[]): Promise<void> {
    try {
      await this.db.withTransaction(async (tx: PoolClient) => {
        await tx.query(`INSERT INTO "identity".users (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          user.id,
          user.email.value,
          user.phoneNumber?.value ?? null,
          user.firstName,
          user.lastName,
          user.passwordHash,
          user.registeredAt,
        ]);
        await this.outbox.append(events, tx);
      });
    } catch (error) {
      const e = error as { code?: string; constraint?: string };
      if (e.code === '23505' && e.constraint === 'users_email_key') throw emailTaken();
      if (e.code === '23505' && e.constraint === 'users_phone_number_key') throw phoneTaken();
      throw error;
    }
  }

  async delete(userId: string, events: readonly EventEnvelope[]): Promise<boolean> {
    if (!isUuid(userId)) return false;
    return this.db.withTransaction(async (tx: PoolClient) => {
      const { rowCount } = await tx.query('DELETE FROM "identity".users WHERE user_id = $1', [userId]);
      if (!rowCount) return false;
      await this.outbox.append(events, tx);
      return true;
    });
  }

  async findById(userId: string): Promise<User | null> {
    if (!isUuid(userId)) return null;
    return this.one('user_id = $1', userId);
  }

  findByEmail(email: Email): Promise<User | null> {
    return this.one('email = $1', email.value);
  }

  findByPhone(phone: PhoneNumber): Promise<User | null> {
    return this.one('phone_number = $1', phone.value);
  }

  async replacePasswordHash(userId: string, expectedHash: string, newHash: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const { rowCount } = await this.db.query('UPDATE "identity".users SET password_hash = $3 WHERE user_id = $1 AND password_hash = $2', [userId, expectedHash, newHash]);
    return (rowCount ?? 0) > 0;
  }

  private async one(where: string, value: string): Promise<User | null> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM "identity".users WHERE ${where}`, [value]);
    return rows[0] ? toUser(rows[0]) : null;
  }
}
