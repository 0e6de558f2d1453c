import { DomainError } from '@libs/kernel';
import { EventEnvelope, parseEnvelope } from '../envelope/envelope';
import { MESSAGING_ERRORS } from '../messaging-errors';
import { validateForPublish } from '../bus/publishing';
import { Queryable, isUniqueViolation, quoteSchema } from '../postgres/sql';
import { OutboxStore } from './outbox-store';

/** DDL for a module's outbox; run it from the module's migrations. Idempotent. */
export function outboxTableSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.outbox (
  seq           bigserial   PRIMARY KEY,
  id            uuid        NOT NULL UNIQUE,
  type          text        NOT NULL,
  event_key     text        NOT NULL,
  envelope      jsonb       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  leased_until  timestamptz
);`;
}

export interface PostgresOutboxStoreOptions {
  schema: string;
  /** How long a claimed batch is reserved for one relay (default 30 s). */
  leaseMs?: number;
}

/**
 * The outbox table of one module's schema. Claims lease rows with `FOR UPDATE SKIP LOCKED`, so relays
 * running at once never take the same row, without holding a transaction open while Kafka is called.
 * Per-key order across *concurrent* relays is not guaranteed; the platform runs one relay per module
 * under an etcd lock, and the lease is the safety net, not the scheduler.
 */
export class PostgresOutboxStore extends OutboxStore<Queryable> {
  private readonly table: string;
  private readonly leaseMs: number;

  constructor(
    private readonly db: Queryable,
    options: PostgresOutboxStoreOptions,
  ) {
    super();
    this.table = `${quoteSchema(options.schema)}.outbox`;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  async append(events: readonly EventEnvelope[], tx?: Queryable): Promise<void> {
    const valid = validateForPublish(events);
    if (valid.length === 0) return;
    try {
      // One statement; WITH ORDINALITY keeps the serial numbers in the order the events were given.
      await (tx ?? this.db).query(
        `INSERT INTO ${this.table} (id, type, event_key, envelope)
         SELECT (e->>'id')::uuid, e->>'type', e->>'key', e
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord)
          ORDER BY ord`,
        [JSON.stringify(valid)],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.conflict(MESSAGING_ERRORS.DUPLICATE_EVENT, 'An event with one of these ids is already in the outbox');
      throw error;
    }
  }

  async claimBatch(limit: number): Promise<EventEnvelope[]> {
    const { rows } = await this.db.query<{ seq: string; envelope: unknown }>(
      `UPDATE ${this.table} SET leased_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE seq IN (
          SELECT seq FROM ${this.table}
           WHERE leased_until IS NULL OR leased_until < now()
           ORDER BY seq
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING seq, envelope`,
      [limit, this.leaseMs],
    );
    // RETURNING has no defined order; seq is the outbox order.
    return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1)).map((r) => parseEnvelope(r.envelope));
  }

  async markPublished(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.db.query(`DELETE FROM ${this.table} WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  async release(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.db.query(`UPDATE ${this.table} SET leased_until = NULL WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }
}
