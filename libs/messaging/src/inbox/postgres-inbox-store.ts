import { Queryable, quoteSchema } from '../postgres/sql';
import { InboxStore } from './inbox-store';

/** DDL for a module's inbox; run it from the module's migrations. Idempotent. */
export function inboxTableSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.inbox (
  consumer      text        NOT NULL,
  event_id      uuid        NOT NULL,
  processed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS inbox_processed_at ON ${s}.inbox (processed_at);`;
}

/**
 * For exactly-once effects, call `markProcessed(consumer, id, client)` first inside the transaction that
 * applies the effects and skip them when it returns false: a concurrent duplicate blocks on the primary
 * key until the first commits, then sees the row.
 */
export class PostgresInboxStore extends InboxStore<Queryable> {
  private readonly table: string;

  constructor(
    private readonly db: Queryable,
    options: { schema: string },
  ) {
    super();
    this.table = `${quoteSchema(options.schema)}.inbox`;
  }

  async seen(consumer: string, eventId: string): Promise<boolean> {
    const { rowCount } = await this.db.query(`SELECT 1 FROM ${this.table} WHERE consumer = $1 AND event_id = $2::uuid`, [consumer, eventId]);
    return (rowCount ?? 0) > 0;
  }

  async markProcessed(consumer: string, eventId: string, tx?: Queryable): Promise<boolean> {
    const { rowCount } = await (tx ?? this.db).query(
      `INSERT INTO ${this.table} (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING RETURNING 1`,
      [consumer, eventId],
    );
    return rowCount === 1;
  }

  /** Forgets entries older than `cutoff` (past any redelivery window); returns how many. */
  async purgeProcessedBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM ${this.table} WHERE processed_at < $1`, [cutoff]);
    return rowCount ?? 0;
  }
}
