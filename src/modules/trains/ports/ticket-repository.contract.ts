// The behaviour every TicketRepository adapter must have. Jest globals; never imported by production code.
import { randomUUID } from 'node:crypto';
import { isDomainError } from '@libs/kernel';
import type { PurchaseDraft, TicketRepository } from './ticket-repository';
import { PurchaseKeyTaken } from './ticket-repository';

/** `scheduleId` must exist in the store's catalogue (seeded schedule 725). */
export function ticketRepositoryContract(name: string, fixture: () => Promise<TicketRepository>, cleanup: () => Promise<void> = async () => undefined): void {
  describe(`TicketRepository contract: ${name}`, () => {
    let repo: TicketRepository;
    const date = `2099-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
    const tripOf = (): string => `725_${date}`;
    let seatCounter = 0;
    const nextSeat = (): string => `C-${++seatCounter}`;
    const draft = (seats: string[], user: string = randomUUID(), key: string = randomUUID(), tripId: string = tripOf()): PurchaseDraft => ({
      purchaseId: randomUUID(),
      userId: user,
      idempotencyKey: key,
      fingerprint: `${tripId}|${seats.join(',')}`,
      tripId,
      scheduleId: '725',
      date,
      tickets: seats.map((seat) => ({ ticketId: randomUUID(), seat, price: 1000 })),
      amount: seats.length * 1000,
    });
    const pay = async (): Promise<string> => `pay_${randomUUID()}`;

    beforeAll(async () => {
      repo = await fixture();
      // A random date in 2099 per run, plus seats numbered per test: reruns against a real database never collide.
      seatCounter = Math.floor(Math.random() * 1000) * 40;
    });
    afterAll(cleanup);

    it('stores a purchase with its tickets, finds it by (user, key), and lists the user tickets', async () => {
      const d = draft([nextSeat(), nextSeat()]);
      const p = await repo.purchase(d, pay);
      expect(p.tickets).toHaveLength(2);
      expect(p.tickets[0]).toMatchObject({ userId: d.userId, tripId: d.tripId, status: 'active', price: 1000, date });
      expect((await repo.findPurchase(d.userId, d.idempotencyKey))?.purchaseId).toBe(d.purchaseId);
      expect(await repo.findPurchase(d.userId, 'other')).toBeNull();
      expect((await repo.ticketsOf(d.userId)).map((t) => t.seat).sort()).toEqual(d.tickets.map((t) => t.seat).sort());
      expect(await repo.soldSeats(d.tripId, [d.tickets[0].seat, 'Z-1'])).toEqual([d.tickets[0].seat]);
      expect((await repo.soldCounts([d.tripId])).get(d.tripId)).toBeGreaterThanOrEqual(2);
    });

    it('never sells a seat twice, even to concurrent buyers, and does not charge the losers', async () => {
      const seat = nextSeat();
      let charged = 0;
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          repo.purchase(draft([seat]), async () => {
            charged++;
            return pay();
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(isDomainError(r.reason) && r.reason.code).toBe('TRAINS.SEAT_ALREADY_SOLD');
      expect(charged).toBe(1);
    });

    it('stores nothing when payment fails', async () => {
      const d = draft([nextSeat()]);
      await expect(repo.purchase(d, async () => Promise.reject(new Error('declined')))).rejects.toThrow('declined');
      expect(await repo.findPurchase(d.userId, d.idempotencyKey)).toBeNull();
      expect(await repo.soldSeats(d.tripId, [d.tickets[0].seat])).toEqual([]);
      expect((await repo.purchase({ ...d, purchaseId: randomUUID() }, pay)).tickets).toHaveLength(1);
    });

    it('refuses a second purchase under the same (user, key)', async () => {
      const d = draft([nextSeat()]);
      await repo.purchase(d, pay);
      await expect(repo.purchase({ ...draft([nextSeat()], d.userId, d.idempotencyKey) }, pay)).rejects.toBeInstanceOf(PurchaseKeyTaken);
    });

    it('cancels the owner ticket only, which frees the seat', async () => {
      const d = draft([nextSeat()]);
      const [t] = (await repo.purchase(d, pay)).tickets;
      expect(await repo.cancel(t.ticketId, randomUUID(), new Date())).toBeNull();
      expect((await repo.cancel(t.ticketId, d.userId, new Date()))?.status).toBe('cancelled');
      expect(await repo.cancel(t.ticketId, d.userId, new Date())).toBeNull();
      expect((await repo.findTicket(t.ticketId))?.status).toBe('cancelled');
      expect(await repo.findTicket('not-a-uuid')).toBeNull();
      expect((await repo.purchase(draft([t.seat], randomUUID(), randomUUID(), d.tripId), pay)).tickets).toHaveLength(1);
    });
  });
}
