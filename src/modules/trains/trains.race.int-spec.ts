/**
 * Acceptance: 1,000 concurrent buyers race for the 100 seats of one trip on real Redis + PostgreSQL → exactly 100
 * tickets, every other buyer a clean 409, no seat sold twice — also when Redis (the advisory hold store) is flushed
 * in the middle of the run. Each run uses its own train/schedule (unique ids) and its own Redis logical DB (1..15),
 * and FLUSHDB touches only that DB.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, SystemClock } from '@libs/kernel';
import { PostgresClient, RedisClient, runMigrations } from '@libs/platform';
import { describeWithInfra } from '@libs/testing';
import { PostgresCatalogueRepository, TRAINS_MIGRATIONS_DIRECTORY } from './adapters/outbound/postgres/postgres-catalogue-repository';
import { PostgresTicketRepository } from './adapters/outbound/postgres/postgres-ticket-repository';
import { SimulatedPaymentGateway } from './adapters/outbound/payment/simulated-payment-gateway';
import { RedisSeatHoldStore } from './adapters/outbound/redis/redis-seat-hold-store';
import { CatalogueService } from './application/catalogue.service';
import { HoldSeatsCommand } from './application/commands/hold-seats/hold-seats.command';
import { PurchaseTicketsCommand } from './application/commands/purchase-tickets/purchase-tickets.command';
import { GetLayoutQuery } from './application/queries/get-layout/get-layout.query';
import { DEFAULT_TRAINS_SETTINGS } from './application/trains-settings';

describeWithInfra(['postgres', 'redis'], 'trains: 1,000 buyers race for 100 seats (real Redis + PostgreSQL)', (env) => {
  jest.setTimeout(90_000);
  const suffix = randomUUID().slice(0, 8);
  const db = 1 + Math.floor(Math.random() * 15);
  let pg: PostgresClient;
  let redis: RedisClient;

  beforeAll(async () => {
    pg = new PostgresClient({ url: env.DATABASE_URL, poolSize: 20 });
    redis = new RedisClient({ url: `${env.REDIS_URL.replace(/\/\d*$/, '')}/${db}` });
    await runMigrations(pg.pool, { module: 'trains', directory: TRAINS_MIGRATIONS_DIRECTORY });
  });

  afterAll(async () => {
    for (const s of [`race-${suffix}-1`, `race-${suffix}-2`]) {
      await pg.query('delete from trains.tickets where schedule_id = $1', [s]);
      await pg.query('delete from trains.purchases where trip_id like $1', [`${s}_%`]);
      await pg.query('delete from trains.schedules where id = $1', [s]);
    }
    await pg.query('delete from trains.trains where id = $1', [`RACE-${suffix}`]);
    await redis.flushdb(); // only this test's logical DB
    await Promise.all([pg.dispose(), redis.dispose()]);
  });

  async function race(scheduleId: string, flushAfterTickets: number | null) {
    await pg.query(`insert into trains.trains (id, name) values ($1, 'Race Special') on conflict do nothing`, [`RACE-${suffix}`]);
    await pg.query(`insert into trains.coaches (train_id, code, position, seat_class, seat_rows, seats_per_row) values ($1, 'A', 1, 'shovan', 25, 4) on conflict do nothing`, [`RACE-${suffix}`]);
    await pg.query(`insert into trains.schedules (id, train_id, from_code, to_code, departure_time, duration_minutes) values ($1, $2, 'DHK', 'KHL', '09:00', 300)`, [scheduleId, `RACE-${suffix}`]);
    const clock = new SystemClock();
    const settings = { ...DEFAULT_TRAINS_SETTINGS, maxHeldSeatsPerUser: 1 };
    const tickets = new PostgresTicketRepository(pg.pool);
    const holds = new RedisSeatHoldStore(redis);
    const catalogue = new CatalogueService(new PostgresCatalogueRepository(pg.pool), clock, settings);
    const hold = new HoldSeatsCommand(catalogue, tickets, holds, clock, settings);
    const buy = new PurchaseTicketsCommand(catalogue, tickets, holds, new SimulatedPaymentGateway(), clock, settings);
    const layout = new GetLayoutQuery(catalogue, tickets, holds, settings);
    const tripId = `${scheduleId}_${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`;

    let sold = 0;
    let flushed = false;
    const outcomes: string[] = [];
    // A buyer looks at the seat map, picks a free seat at random, holds it and pays; on a 409 they look again, and
    // give up (a clean 409) once the map shows nothing free.
    const buyer = async (n: number): Promise<string> => {
      const userId = `racer-${suffix}-${n}`;
      for (let attempt = 0; attempt < 50; attempt++) {
        const free = (await layout.execute({ tripId })).coaches[0].seats.filter((s) => s.status === 'free').map((s) => s.seat);
        if (free.length === 0) return 'conflict';
        const seat = free[Math.floor(Math.random() * free.length)];
        try {
          await hold.execute({ tripId, seats: [seat], userId });
          await buy.execute({ tripId, seats: [seat], userId, idempotencyKey: randomUUID(), cardNumber: '4242424242424242' });
          sold++;
          if (flushAfterTickets !== null && !flushed && sold >= flushAfterTickets) {
            flushed = true;
            await redis.flushdb();
          }
          return 'ticket';
        } catch (error) {
          if (!(error instanceof DomainError) || error.category !== 'conflict') return `error:${(error as Error).message}`;
        }
      }
      return 'gave-up';
    };
    outcomes.push(...(await Promise.all(Array.from({ length: 1000 }, (_, i) => buyer(i)))));
    const { rows } = await pg.query<{ seat: string; n: number }>(`select seat, count(*)::int as n from trains.tickets where trip_id = $1 and status = 'active' group by seat`, [tripId]);
    return { outcomes, rows, flushed };
  }

  const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});

  it('sells exactly 100 tickets, one per seat; the other 900 buyers get 409', async () => {
    const { outcomes, rows } = await race(`race-${suffix}-1`, null);
    expect(tally(outcomes)).toEqual({ ticket: 100, conflict: 900 });
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('still sells exactly 100 tickets with no duplicates when Redis is flushed mid-run', async () => {
    const { outcomes, rows, flushed } = await race(`race-${suffix}-2`, 40);
    expect(flushed).toBe(true);
    expect(tally(outcomes)).toEqual({ ticket: 100, conflict: 900 });
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});
