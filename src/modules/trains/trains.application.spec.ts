/** Use cases over the memory adapters with a hand-moved clock: expiry, ownership, declined payments, idempotency. */
import { DomainError, ManualClock } from '@libs/kernel';
import { MemoryCatalogueRepository } from './adapters/outbound/memory/memory-catalogue-repository';
import { MemorySeatHoldStore } from './adapters/outbound/memory/memory-seat-hold-store';
import { MemoryTicketRepository } from './adapters/outbound/memory/memory-ticket-repository';
import { SimulatedPaymentGateway } from './adapters/outbound/payment/simulated-payment-gateway';
import { CatalogueService } from './application/catalogue.service';
import { HoldSeatsCommand } from './application/commands/hold-seats/hold-seats.command';
import { PurchaseTicketsCommand } from './application/commands/purchase-tickets/purchase-tickets.command';
import { ReleaseHoldCommand } from './application/commands/release-hold/release-hold.command';
import { GetLayoutQuery } from './application/queries/get-layout/get-layout.query';
import { SearchTripsQuery } from './application/queries/search-trips/search-trips.query';
import { DEFAULT_TRAINS_SETTINGS } from './application/trains-settings';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as DomainError).code ?? String(e);
  }
};

describe('trains use cases', () => {
  const clock = new ManualClock(new Date('2026-03-01T08:00:00Z'));
  const settings = { ...DEFAULT_TRAINS_SETTINGS, holdTtlSeconds: 600 };
  const tickets = new MemoryTicketRepository();
  const holds = new MemorySeatHoldStore(clock);
  const payments = new SimulatedPaymentGateway();
  const catalogue = new CatalogueService(new MemoryCatalogueRepository(), clock, settings);
  const hold = new HoldSeatsCommand(catalogue, tickets, holds, clock, settings);
  const release = new ReleaseHoldCommand(catalogue, holds);
  const purchase = new PurchaseTicketsCommand(catalogue, tickets, holds, payments, clock, settings);
  const layout = new GetLayoutQuery(catalogue, tickets, holds, settings);
  const search = new SearchTripsQuery(catalogue, tickets, holds, clock, settings);
  const trip = '725_2026-03-05';
  const good = '4242424242424242';

  it('lets a hold expire on its own; buying it afterwards is 409 TRAINS.HOLD_MISSING', async () => {
    await hold.execute({ tripId: trip, seats: ['C-1'], userId: 'alice' });
    clock.advance(600_001);
    expect(await codeOf(purchase.execute({ tripId: trip, seats: ['C-1'], userId: 'alice', idempotencyKey: 'k1', cardNumber: good }))).toBe('TRAINS.HOLD_MISSING');
    expect(await codeOf(hold.execute({ tripId: trip, seats: ['C-1'], userId: 'bob' }))).toBe('ok');
  });

  it("does not let another user release or buy your held seat", async () => {
    await hold.execute({ tripId: trip, seats: ['C-2'], userId: 'alice' });
    expect(await codeOf(release.execute({ tripId: trip, seat: 'C-2', userId: 'bob' }))).toBe('TRAINS.NOT_HOLD_OWNER');
    expect(await codeOf(purchase.execute({ tripId: trip, seats: ['C-2'], userId: 'bob', idempotencyKey: 'k2', cardNumber: good }))).toBe('TRAINS.HOLD_MISSING');
    expect(await codeOf(hold.execute({ tripId: trip, seats: ['C-2'], userId: 'bob' }))).toBe('TRAINS.SEAT_ALREADY_HELD');
  });

  it('keeps the hold and stores no ticket when the payment is declined; a retry with the same key stays declined', async () => {
    await hold.execute({ tripId: trip, seats: ['C-3'], userId: 'carol' });
    const declined = () => purchase.execute({ tripId: trip, seats: ['C-3'], userId: 'carol', idempotencyKey: 'k3', cardNumber: '4000 0000 0000 0002' });
    expect(await codeOf(declined())).toBe('TRAINS.PAYMENT_DECLINED');
    expect(await codeOf(declined())).toBe('TRAINS.PAYMENT_DECLINED');
    expect(await tickets.ticketsOf('carol')).toEqual([]);
    expect((await holds.holds(trip, ['C-3'])).get('C-3')?.owner).toBe('carol');
    const bought = await purchase.execute({ tripId: trip, seats: ['C-3'], userId: 'carol', idempotencyKey: 'k4', cardNumber: good });
    expect(bought.purchase.tickets.map((t) => t.seat)).toEqual(['C-3']);
    expect((await holds.holds(trip, ['C-3'])).size).toBe(0);
  });

  it('charges once per idempotency key and refuses the key for another purchase', async () => {
    await hold.execute({ tripId: trip, seats: ['C-4'], userId: 'dave' });
    const before = payments.charges;
    const first = await purchase.execute({ tripId: trip, seats: ['C-4'], userId: 'dave', idempotencyKey: 'k5', cardNumber: good });
    const again = await purchase.execute({ tripId: trip, seats: ['C-4'], userId: 'dave', idempotencyKey: 'k5', cardNumber: good });
    expect(again).toEqual({ purchase: first.purchase, replayed: true });
    expect(payments.charges).toBe(before + 1);
    expect(await codeOf(purchase.execute({ tripId: trip, seats: ['C-5'], userId: 'dave', idempotencyKey: 'k5', cardNumber: good }))).toBe('TRAINS.IDEMPOTENCY_KEY_REUSED');
  });

  it('prices by class and demand, and the layout shows the price charged', async () => {
    const l = await layout.execute({ tripId: '701_2026-03-05' });
    expect(Object.fromEntries(l.coaches.map((c) => [c.coach, c.price]))).toEqual({ A: 8000, B: 6000, C: 4000, D: 4000 });
    const [s] = await search.execute({ from: 'Dhaka', to: 'Ctg', date: '2026-03-05' });
    expect(s.priceFrom).toBe(4000);
  });

  it('lets one user hold at most 10 seats at once across all trips (issue 13: no holding a whole train)', async () => {
    const seats = (coach: string, n: number) => Array.from({ length: n }, (_, i) => `${coach}-${i + 10}`);
    expect(await codeOf(hold.execute({ tripId: trip, seats: seats('C', 6), userId: 'hoarder' }))).toBe('ok');
    expect(await codeOf(hold.execute({ tripId: '701_2026-03-05', seats: seats('C', 5), userId: 'hoarder' }))).toBe('TRAINS.HOLD_LIMIT_REACHED');
    expect(await codeOf(hold.execute({ tripId: '701_2026-03-05', seats: seats('C', 4), userId: 'hoarder' }))).toBe('ok');
    expect(await codeOf(hold.execute({ tripId: '701_2026-03-06', seats: ['C-1'], userId: 'hoarder' }))).toBe('TRAINS.HOLD_LIMIT_REACHED');
  });

  it('stops renewing a hold 30 minutes after the first hold: 409 TRAINS.HOLD_RENEWAL_LIMIT with a retry time', async () => {
    const seat = { tripId: trip, seats: ['D-20'], userId: 'renewer' };
    const first = await hold.execute(seat);
    clock.advance(9 * 60_000);
    await hold.execute(seat);
    clock.advance(9 * 60_000);
    await hold.execute(seat);
    clock.advance(9 * 60_000);
    const fourth = await hold.execute(seat); // 27 min: cut to 30 min after the first hold, not 37
    expect(fourth.expiresAt.getTime() - first.expiresAt.getTime()).toBe(20 * 60_000);
    clock.advance(3 * 60_000 + 1);
    const refused = await hold.execute(seat).catch((e: DomainError) => e);
    expect(refused).toMatchObject({ code: 'TRAINS.HOLD_RENEWAL_LIMIT', category: 'conflict', details: { seats: ['D-20'] } });
    expect((refused as DomainError).retryAfterSeconds).toBe(600);
    expect(await codeOf(hold.execute({ ...seat, userId: 'someone-else' }))).toBe('ok');
  });

  it.each([
    ['unknown station', () => search.execute({ from: 'Atlantis', to: 'Dhaka', date: '2026-03-05' }), 'TRAINS.UNKNOWN_STATION'],
    ['past date', () => search.execute({ from: 'Khulna', to: 'Dhaka', date: '2026-02-28' }), 'TRAINS.DATE_IN_PAST'],
    ['beyond the horizon', () => search.execute({ from: 'Khulna', to: 'Dhaka', date: '2027-03-05' }), 'TRAINS.DATE_TOO_FAR'],
    ['seat that does not exist', () => hold.execute({ tripId: trip, seats: ['Q-1'], userId: 'x' }), 'TRAINS.UNKNOWN_SEAT'],
    ['500 seats', () => hold.execute({ tripId: trip, seats: Array.from({ length: 500 }, (_, i) => `C-${i + 1}`), userId: 'x' }), 'TRAINS.TOO_MANY_SEATS'],
    ['a past trip', () => hold.execute({ tripId: '725_2026-02-01', seats: ['C-1'], userId: 'x' }), 'TRAINS.DATE_IN_PAST'],
    ['a malformed trip id', () => hold.execute({ tripId: '../etc', seats: ['C-1'], userId: 'x' }), 'TRAINS.UNKNOWN_TRIP'],
  ])('refuses %s', async (_n, call, code) => {
    expect(await codeOf(call())).toBe(code);
  });
});
