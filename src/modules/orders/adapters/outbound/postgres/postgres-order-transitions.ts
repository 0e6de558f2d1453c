import type { Pool, PoolClient } from 'pg';
import { isUuid } from '@libs/kernel';
import type { Order } from '../../../domain/order';
import type { TransitionOutcome, TransitionResult } from '../../../ports/order-store';
import { GroupCommit, ItemResult } from './group-commit';
import { COLUMNS, OrderRow, toOrder } from './postgres-order-rows';

interface Step {
  consumer: string;
  messageId: string;
  orderId: string;
  decide: (order: Order) => TransitionResult | null;
}

interface Applied {
  order: Order;
  result: TransitionResult;
}

/**
 * OrderStore.transition on PostgreSQL with group commit. Saga steps arrive concurrently (many orders per partition,
 * several partitions); one step per transaction made four round trips and a commit per step the bottleneck of the
 * whole saga. Steps that arrive while a transaction is open are queued and committed together, in four round trips
 * per batch: BEGIN; lock the orders and claim the message ids in the inbox; write every order, log line and outbox
 * message; COMMIT. Alone, a step still commits at once (no timer), so latency under light load is unchanged.
 *
 * Semantics per step are those of the port: a step's effects and its inbox row commit together or not at all. A
 * batch never holds two steps of one order or two of one message id (the later waits for the next batch), and rows
 * are locked in id order, so concurrent batches cannot deadlock. A `decide` that throws fails its step only (its
 * inbox claim is withdrawn); a database error fails the whole batch, and every caller retries on its own.
 */
export class PostgresOrderTransitions {
  private readonly steps = new GroupCommit<Step, TransitionOutcome>({
    maxBatch: 200,
    maxInFlight: 2,
    keys: (step) => [`order:${step.orderId}`, `message:${step.consumer}\u0000${step.messageId}`],
    run: (batch) => this.commit(batch),
  });

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  transition(consumer: string, messageId: string, orderId: string, decide: (order: Order) => TransitionResult | null): Promise<TransitionOutcome> {
    if (!isUuid(messageId) || !isUuid(orderId)) return Promise.reject(new Error('message and order ids must be UUIDs'));
    return this.steps.submit({ consumer, messageId, orderId, decide });
  }

  private async commit(batch: readonly Step[]): Promise<ItemResult<TransitionOutcome>[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const found = await this.lockAndClaim(client, batch);
      const applied: Applied[] = [];
      const results = batch.map((step): ItemResult<TransitionOutcome> => {
        const row = found.get(step.orderId);
        if (!row) return { ok: true, value: 'missing' };
        if (!row.fresh) return { ok: true, value: 'duplicate' };
        try {
          const result = step.decide(toOrder(row));
          if (result) applied.push({ order: result.order, result });
          return { ok: true, value: result ? 'applied' : 'unchanged' };
        } catch (error) {
          return { ok: false, error };
        }
      });
      await this.write(client, applied);
      const failed = batch.filter((_, i) => !results[i].ok);
      if (failed.length > 0) await this.unclaim(client, failed);
      await client.query('COMMIT');
      return results;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Locks the batch's orders (in id order) and inserts the message ids into the inbox; `fresh` = newly inserted. */
  private async lockAndClaim(client: PoolClient, batch: readonly Step[]): Promise<Map<string, OrderRow & { fresh: boolean }>> {
    const { rows } = await client.query<OrderRow & { fresh: boolean }>(
      `WITH req AS (SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS r(consumer, event_id, order_id)),
            locked AS (SELECT ${COLUMNS} FROM ${this.schema}.orders WHERE id IN (SELECT order_id FROM req) ORDER BY id FOR UPDATE),
            claimed AS (INSERT INTO ${this.schema}.inbox (consumer, event_id)
                        SELECT req.consumer, req.event_id FROM req JOIN locked ON locked.id = req.order_id
                        ON CONFLICT DO NOTHING RETURNING consumer, event_id)
       SELECT locked.*, claimed.event_id IS NOT NULL AS fresh
         FROM req JOIN locked ON locked.id = req.order_id
         LEFT JOIN claimed ON claimed.consumer = req.consumer AND claimed.event_id = req.event_id`,
      [batch.map((p) => p.consumer), batch.map((p) => p.messageId), batch.map((p) => p.orderId)],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Every applied step's order, log lines (in order) and outbox messages, in one statement. */
  private async write(client: PoolClient, applied: readonly Applied[]): Promise<void> {
    if (applied.length === 0) return;
    const orders = applied.map(({ order: o }) => ({ id: o.id, status: o.status, started: o.started, balance_check: o.balanceCheck, user_check: o.userCheck, updated_at: o.updatedAt }));
    const log = applied.flatMap(({ order, result }) => result.log.map((l) => ({ order_id: order.id, event: l.event, message: l.message, status: l.status, at: order.updatedAt })));
    const outbox = applied.flatMap(({ result }) => result.outbox);
    await client.query(
      `WITH d AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, status text, started boolean, balance_check text, user_check text, updated_at timestamptz)),
            updated AS (UPDATE ${this.schema}.orders o SET status = d.status, started = d.started, balance_check = d.balance_check, user_check = d.user_check, updated_at = d.updated_at
                          FROM d WHERE o.id = d.id),
            logged AS (INSERT INTO ${this.schema}.order_events (order_id, event, message, status, at)
                       SELECT (e->>'order_id')::uuid, e->>'event', e->>'message', e->>'status', (e->>'at')::timestamptz
                         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord)
       INSERT INTO ${this.schema}.saga_outbox (id, topic, message_key, headers, value)
       SELECT (m->>'id')::uuid, m->>'topic', m->>'key', m->'headers', m->>'value' FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(m, ord) ORDER BY ord
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(orders), JSON.stringify(log), JSON.stringify(outbox)],
    );
  }

  /** Withdraws the inbox rows of steps whose `decide` threw, so the message counts as not processed. */
  private async unclaim(client: PoolClient, steps: readonly Step[]): Promise<void> {
    await client.query(`DELETE FROM ${this.schema}.inbox WHERE (consumer, event_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`, [
      steps.map((p) => p.consumer),
      steps.map((p) => p.messageId),
    ]);
  }
}
