import { join } from 'node:path';
import type { Pool } from 'pg';
import { ORDER_STATUSES, Order, OrderStatus, PaymentMethod } from '../../../domain/order';
import { GroupCommit, ItemResult } from './group-commit';
import { COLUMNS, OrderRow, toOrder, toRow } from './postgres-order-rows';
import { PostgresOrderTransitions } from './postgres-order-transitions';
import { LoggedStep, OrderPage, OrderStore, SagaMessage, TransitionOutcome, TransitionResult } from '../../../ports/order-store';

export const ORDERS_MIGRATIONS_DIRECTORY = join(__dirname, 'migrations');
export const ORDERS_SCHEMA = 'orders';
const LEASE_SECONDS = 30;

interface NewOrder {
  order: Order;
  outbox: readonly SagaMessage[];
}

/** OrderStore on PostgreSQL: every order change, its log lines and outbox messages commit together. */
export class PostgresOrderStore extends OrderStore {
  private readonly s: string;
  private methodsCache?: PaymentMethod[];
  private readonly transitions: PostgresOrderTransitions;
  private readonly creates = new GroupCommit<NewOrder, void>({ maxBatch: 200, maxInFlight: 2, run: (batch) => this.insertOrders(batch) });

  constructor(
    private readonly pool: Pool,
    schema: string = ORDERS_SCHEMA,
  ) {
    super();
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema ${schema}`);
    this.s = `"${schema}"`;
    this.transitions = new PostgresOrderTransitions(pool, this.s);
  }

  async methods(): Promise<PaymentMethod[]> {
    if (!this.methodsCache) {
      const { rows } = await this.pool.query<{ name: string; min_installment: number; max_installment: number }>(`SELECT name, min_installment, max_installment FROM ${this.s}.methods ORDER BY name`);
      this.methodsCache = rows.map((r) => ({ name: r.name, minInstallment: r.min_installment, maxInstallment: r.max_installment }));
    }
    return this.methodsCache.map((m) => ({ ...m }));
  }

  /**
   * One statement (atomic on its own, no BEGIN/COMMIT). Concurrent POSTs share a statement (group commit); when a
   * shared statement fails, each order is inserted alone so that one bad order fails only its own request.
   */
  create(order: Order, outbox: readonly SagaMessage[]): Promise<void> {
    return this.creates.submit({ order, outbox });
  }

  private async insertOrders(batch: readonly NewOrder[]): Promise<ItemResult<void>[]> {
    const insert = (orders: readonly NewOrder[]) =>
      this.pool.query(
        `WITH d AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, user_id text, value_cents bigint, installment integer, method text, status text,
                                                                       started boolean, balance_check text, user_check text, created_at timestamptz, updated_at timestamptz)),
              created AS (INSERT INTO ${this.s}.orders (${COLUMNS}) SELECT ${COLUMNS} FROM d)
         ${this.outboxInsert('$2')}`,
        [JSON.stringify(orders.map(({ order: o }) => toRow(o))), JSON.stringify(orders.flatMap((o) => o.outbox))],
      );
    if (batch.length > 1) {
      const together = await insert(batch).then(() => true, () => false);
      if (together) return batch.map(() => ({ ok: true, value: undefined }));
    }
    return Promise.all(
      batch.map((one) =>
        insert([one]).then(
          (): ItemResult<void> => ({ ok: true, value: undefined }),
          (error: unknown): ItemResult<void> => ({ ok: false, error }),
        ),
      ),
    );
  }

  async find(id: string): Promise<Order | null> {
    const { rows } = await this.pool.query<OrderRow>(`SELECT ${COLUMNS} FROM ${this.s}.orders WHERE id = $1`, [id]);
    return rows[0] ? toOrder(rows[0]) : null;
  }

  async listByUser(userId: string, offset: number, limit: number): Promise<OrderPage> {
    const [page, count] = await Promise.all([
      this.pool.query<OrderRow>(`SELECT ${COLUMNS} FROM ${this.s}.orders WHERE user_id = $1 ORDER BY seq LIMIT $2 OFFSET $3`, [userId, limit, offset]),
      this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.s}.orders WHERE user_id = $1`, [userId]),
    ]);
    return { total: Number(count.rows[0].n), orders: page.rows.map(toOrder) };
  }

  /** One statement: the rows are locked, their log lines and then the rows deleted; PROCESSING rows are not touched. */
  async deleteSettledByUser(userId: string): Promise<{ deleted: number; processing: number }> {
    const { rows } = await this.pool.query<{ deleted: string; processing: string }>(
      `WITH gone AS (SELECT id FROM ${this.s}.orders WHERE user_id = $1 AND status <> 'PROCESSING' FOR UPDATE),
            steps AS (DELETE FROM ${this.s}.order_events e USING gone WHERE e.order_id = gone.id),
            removed AS (DELETE FROM ${this.s}.orders o USING gone WHERE o.id = gone.id RETURNING o.id)
       SELECT (SELECT count(*) FROM removed) AS deleted,
              (SELECT count(*) FROM ${this.s}.orders WHERE user_id = $1 AND status = 'PROCESSING') AS processing`,
      [userId],
    );
    return { deleted: Number(rows[0].deleted), processing: Number(rows[0].processing) };
  }

  async events(orderId: string): Promise<LoggedStep[]> {
    const { rows } = await this.pool.query<{ event: string; message: string; status: OrderStatus; at: Date }>(
      `SELECT event, message, status, at FROM ${this.s}.order_events WHERE order_id = $1 ORDER BY seq`,
      [orderId],
    );
    return rows;
  }

  /** Group commit: see PostgresOrderTransitions. */
  transition(consumer: string, messageId: string, orderId: string, decide: (order: Order) => TransitionResult | null): Promise<TransitionOutcome> {
    return this.transitions.transition(consumer, messageId, orderId, decide);
  }

  async claimOutbox(limit: number, minAgeMs = 0): Promise<SagaMessage[]> {
    const { rows } = await this.pool.query<{ seq: string; id: string; topic: string; message_key: string; headers: Record<string, string>; value: string }>(
      `UPDATE ${this.s}.saga_outbox SET leased_until = now() + make_interval(secs => $2)
        WHERE seq IN (SELECT seq FROM ${this.s}.saga_outbox WHERE (leased_until IS NULL OR leased_until < now()) AND created_at <= now() - make_interval(secs => $3) ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING seq, id, topic, message_key, headers, value`,
      [limit, LEASE_SECONDS, minAgeMs / 1000],
    );
    return rows
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((r) => ({ id: r.id, topic: r.topic, key: r.message_key, headers: r.headers, value: r.value }));
  }

  async markSent(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.pool.query(`DELETE FROM ${this.s}.saga_outbox WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  async release(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.pool.query(`UPDATE ${this.s}.saga_outbox SET leased_until = NULL WHERE id = ANY($1::uuid[])`, [[...ids]]);
  }

  async countByStatus(): Promise<Record<OrderStatus, number>> {
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
    const { rows } = await this.pool.query<{ status: OrderStatus; n: string }>(`SELECT status, count(*) AS n FROM ${this.s}.orders GROUP BY status`);
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  /** The final part of a statement adding saga messages (a JSON array parameter) to the outbox. */
  private outboxInsert(param: string): string {
    return `INSERT INTO ${this.s}.saga_outbox (id, topic, message_key, headers, value)
      SELECT (m->>'id')::uuid, m->>'topic', m->>'key', m->'headers', m->>'value' FROM jsonb_array_elements(${param}::jsonb) WITH ORDINALITY AS t(m, ord) ORDER BY ord
      ON CONFLICT (id) DO NOTHING`;
  }
}
