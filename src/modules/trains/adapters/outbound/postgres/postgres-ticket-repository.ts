import type { Pool, PoolClient } from 'pg';
import type { Ticket, TicketStatus } from '../../../domain';
import { TrainsErrors } from '../../../domain';
import { Purchase, PurchaseDraft, PurchaseKeyTaken, TicketRepository } from '../../../ports';

interface TicketRow {
  ticket_id: string;
  purchase_id: string;
  user_id: string;
  trip_id: string;
  schedule_id: string;
  travel_date: string;
  seat: string;
  price: number;
  status: TicketStatus;
  created_at: Date;
}

const TICKET_COLUMNS = `ticket_id, purchase_id, user_id, trip_id, schedule_id, to_char(travel_date, 'YYYY-MM-DD') as travel_date, seat, price, status, created_at`;

function ticket(r: TicketRow): Ticket {
  return { ticketId: r.ticket_id, purchaseId: r.purchase_id, userId: r.user_id, tripId: r.trip_id, scheduleId: r.schedule_id, date: r.travel_date, seat: r.seat, price: r.price, status: r.status, createdAt: r.created_at };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tickets and purchases in PostgreSQL. A purchase is one transaction: the purchase row (unique per user and
 * idempotency key), the tickets (`on conflict do nothing` against the partial unique index on active (trip, seat), so
 * a concurrent buyer of the same seat waits for the first transaction and then sees the seat taken), the payment, the
 * commit. A declined payment rolls everything back.
 */
export class PostgresTicketRepository extends TicketRepository {
  constructor(private readonly pool: Pool) {
    super();
  }

  async soldSeats(tripId: string, seats?: readonly string[]): Promise<string[]> {
    const { rows } = seats
      ? await this.pool.query<{ seat: string }>(`select seat from trains.tickets where trip_id = $1 and status = 'active' and seat = any($2::text[])`, [tripId, seats])
      : await this.pool.query<{ seat: string }>(`select seat from trains.tickets where trip_id = $1 and status = 'active'`, [tripId]);
    return rows.map((r) => r.seat);
  }

  async soldCounts(tripIds: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ trip_id: string; n: number }>(
      `select trip_id, count(*)::int as n from trains.tickets where trip_id = any($1::text[]) and status = 'active' group by trip_id`,
      [tripIds],
    );
    return new Map(rows.map((r) => [r.trip_id, r.n]));
  }

  async findPurchase(userId: string, idempotencyKey: string): Promise<Purchase | null> {
    const { rows } = await this.pool.query<{ purchase_id: string; fingerprint: string; trip_id: string; amount: number; payment_id: string }>(
      'select purchase_id, fingerprint, trip_id, amount, payment_id from trains.purchases where user_id = $1 and idempotency_key = $2',
      [userId, idempotencyKey],
    );
    if (rows.length === 0) return null;
    const p = rows[0];
    const tickets = await this.pool.query<TicketRow>(`select ${TICKET_COLUMNS} from trains.tickets where purchase_id = $1 order by seat`, [p.purchase_id]);
    return { purchaseId: p.purchase_id, userId, idempotencyKey, fingerprint: p.fingerprint, tripId: p.trip_id, amount: p.amount, paymentId: p.payment_id, tickets: tickets.rows.map(ticket) };
  }

  async purchase(draft: PurchaseDraft, pay: () => Promise<string>): Promise<Purchase> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const purchase = await this.inTransaction(client, draft, pay);
      await client.query('COMMIT');
      return purchase;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async inTransaction(client: PoolClient, draft: PurchaseDraft, pay: () => Promise<string>): Promise<Purchase> {
    const inserted = await client.query(
      `insert into trains.purchases (purchase_id, user_id, idempotency_key, fingerprint, trip_id, amount)
       values ($1, $2, $3, $4, $5, $6) on conflict on constraint purchases_user_key do nothing`,
      [draft.purchaseId, draft.userId, draft.idempotencyKey, draft.fingerprint, draft.tripId, draft.amount],
    );
    if (inserted.rowCount === 0) throw new PurchaseKeyTaken();
    const { rows } = await client.query<TicketRow>(
      `insert into trains.tickets (ticket_id, purchase_id, user_id, trip_id, schedule_id, travel_date, seat, price, status)
       select t.ticket_id, $1, $2, $3, $4, $5::date, t.seat, t.price, 'active'
       from unnest($6::uuid[], $7::text[], $8::int[]) as t(ticket_id, seat, price)
       on conflict (trip_id, seat) where status = 'active' do nothing
       returning ${TICKET_COLUMNS}`,
      [draft.purchaseId, draft.userId, draft.tripId, draft.scheduleId, draft.date, draft.tickets.map((t) => t.ticketId), draft.tickets.map((t) => t.seat), draft.tickets.map((t) => t.price)],
    );
    if (rows.length < draft.tickets.length) {
      const got = new Set(rows.map((r) => r.seat));
      throw TrainsErrors.seatsSold(draft.tickets.map((t) => t.seat).filter((s) => !got.has(s)));
    }
    const paymentId = await pay();
    await client.query('update trains.purchases set payment_id = $2 where purchase_id = $1', [draft.purchaseId, paymentId]);
    const tickets = rows.map(ticket).sort((a, b) => a.seat.localeCompare(b.seat));
    return { purchaseId: draft.purchaseId, userId: draft.userId, idempotencyKey: draft.idempotencyKey, fingerprint: draft.fingerprint, tripId: draft.tripId, amount: draft.amount, paymentId, tickets };
  }

  async ticketsOf(userId: string): Promise<Ticket[]> {
    const { rows } = await this.pool.query<TicketRow>(`select ${TICKET_COLUMNS} from trains.tickets where user_id = $1 order by created_at desc, seat limit 500`, [userId]);
    return rows.map(ticket);
  }

  async cancel(ticketId: string, userId: string, at: Date): Promise<Ticket | null> {
    if (!UUID.test(ticketId)) return null;
    const { rows } = await this.pool.query<TicketRow>(
      `update trains.tickets set status = 'cancelled', cancelled_at = $3 where ticket_id = $1 and user_id = $2 and status = 'active' returning ${TICKET_COLUMNS}`,
      [ticketId, userId, at],
    );
    return rows[0] ? ticket(rows[0]) : null;
  }

  async findTicket(ticketId: string): Promise<Ticket | null> {
    if (!UUID.test(ticketId)) return null;
    const { rows } = await this.pool.query<TicketRow>(`select ${TICKET_COLUMNS} from trains.tickets where ticket_id = $1`, [ticketId]);
    return rows[0] ? ticket(rows[0]) : null;
  }
}
