import type { BagRecord, FlightRecord } from '../domain/records';
import { NEXT_DEPARTURE } from '../domain/codes';
import type { BaggageStore } from './baggage-store';

export interface BaggageStoreHarness {
  store: BaggageStore;
  /** Removes what the test wrote (a real store's keys). */
  cleanup?: () => Promise<void>;
}

const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z
const flight = (id: string, departureTime: number, arrivalTime: number, bags: string[] = []): FlightRecord => ({ id, departureTime, arrivalTime, bags });
const bag = (id: string, flights: string[]): BagRecord => ({ id, flights });

/**
 * The behaviour every BaggageStore adapter must have (memory: *.spec.ts; Redis: *.int-spec.ts). Times are unix
 * seconds; NOW is a fixed "now" passed explicitly, as the work producer does.
 */
export function baggageStoreContract(create: () => Promise<BaggageStoreHarness>): void {
  let harness: BaggageStoreHarness;
  let store: BaggageStore;

  beforeEach(async () => {
    harness = await create();
    store = harness.store;
  });
  afterEach(async () => {
    await harness.cleanup?.();
  });

  it('upserts flights and bags idempotently, counting only new records', async () => {
    const f = flight('FL_a', NOW - 3600.5, NOW + 100.25, ['BAG_1', 'BAG_2']);
    expect(await store.upsertFlights([f, flight('FL_b', NOW, NOW + 7200)], NOW)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await store.upsertFlights([f, f], NOW)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await store.upsertFlights([{ ...f, bags: ['BAG_1'] }], NOW)).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await store.upsertBags([bag('BAG_1', ['FL_a', 'FL_b']), bag('BAG_1', ['FL_a', 'FL_b']), bag('BAG_2', [])], NOW)).toEqual({ created: 2, updated: 0, unchanged: 1 });
    expect(await store.counts()).toEqual({ flights: 2, bags: 2 });
    expect(await store.getFlight('FL_a')).toEqual({ id: 'FL_a', departureTime: NOW - 3600.5, arrivalTime: NOW + 100.25, bags: ['BAG_1'], workProduced: false });
    expect(await store.getBag('BAG_1')).toEqual({ id: 'BAG_1', flights: ['FL_a', 'FL_b'] });
    expect(await store.getBag('BAG_nope')).toBeUndefined();
    expect(await store.getFlight('FL_nope')).toBeUndefined();
    expect(await store.getFlights(['FL_b', 'FL_nope'])).toEqual([{ id: 'FL_b', departureTime: NOW, arrivalTime: NOW + 7200, bags: [] }, undefined]);
  });

  it('computes every next-departure code, the positive one being the next leg’s departure time', async () => {
    await store.upsertFlights(
      [
        flight('FL_arr', NOW - 7200, NOW + 300, ['B_unknown', 'B_empty', 'B_elsewhere', 'B_final', 'B_next_missing', 'B_next']),
        flight('FL_next', NOW + 5400.5, NOW + 9000),
      ],
      NOW,
    );
    await store.upsertBags(
      [bag('B_empty', []), bag('B_elsewhere', ['FL_x', 'FL_y']), bag('B_final', ['FL_0', 'FL_arr']), bag('B_next_missing', ['FL_arr', 'FL_gone']), bag('B_next', ['FL_arr', 'FL_next'])],
      NOW,
    );
    const items = await store.claimArrivals(NOW + 600, 100, NOW);
    expect(items).toEqual([
      {
        id: 'FL_arr',
        arrivalTime: NOW + 300,
        correction: false,
        bags: {
          B_unknown: NEXT_DEPARTURE.ITINERARY_UNKNOWN,
          B_empty: NEXT_DEPARTURE.EMPTY_ITINERARY,
          B_elsewhere: NEXT_DEPARTURE.NOT_ON_ITINERARY,
          B_final: NEXT_DEPARTURE.FINAL_DESTINATION,
          B_next_missing: NEXT_DEPARTURE.NEXT_FLIGHT_UNKNOWN,
          B_next: NOW + 5400.5,
        },
      },
    ]);
    expect(await store.getFlight('FL_arr')).toMatchObject({ workProduced: true, workRevision: 1, work: items[0].bags });
  });

  it('claims each flight exactly once, in arrival order, in batches; flights without bags yield no item', async () => {
    const flights = Array.from({ length: 30 }, (_, i) => flight(`FL_${String(i).padStart(2, '0')}`, NOW - 3600, NOW + i * 30, [`B_${i}`]));
    flights.push(flight('FL_empty', NOW - 3600, NOW + 1));
    await store.upsertFlights(flights, NOW);
    const [a, b, c] = await Promise.all([store.claimArrivals(NOW + 600, 5, NOW), store.claimArrivals(NOW + 600, 5, NOW), store.claimArrivals(NOW + 600, 100, NOW)]);
    const claimed = [...a, ...b, ...c].map((i) => i.id);
    // arrivals ≤ NOW+600: FL_00…FL_20 and FL_empty; each exactly once.
    expect(claimed.sort()).toEqual(flights.filter((f) => f.arrivalTime <= NOW + 600 && f.bags.length > 0).map((f) => f.id).sort());
    expect(await store.claimArrivals(NOW + 600, 100, NOW)).toEqual([]);
    expect((await store.getFlight('FL_empty'))?.workProduced).toBe(true);
    const later = await store.claimArrivals(NOW + 100_000, 3, NOW);
    expect(later.map((i) => i.id)).toEqual(['FL_21', 'FL_22', 'FL_23']);
  });

  it('bounds one claim by bags: stops after the flight that reaches the budget, always claims one, the rest wait', async () => {
    const bagsOf = (i: number, n: number): string[] => Array.from({ length: n }, (_, j) => `B_${i}_${j}`);
    // FL_0 has 3 bags, FL_1 4, FL_2 2, FL_3 1: a budget of 5 takes FL_0 and FL_1 (3 + 4 ≥ 5).
    const sizes = [3, 4, 2, 1];
    await store.upsertFlights(sizes.map((n, i) => flight(`FL_${i}`, NOW - 3600, NOW + 10 + i, bagsOf(i, n))), NOW);
    expect((await store.claimArrivals(NOW + 600, 100, NOW, 5)).map((i) => i.id)).toEqual(['FL_0', 'FL_1']);
    // A budget below one flight's bags still claims that flight.
    expect((await store.claimArrivals(NOW + 600, 100, NOW, 1)).map((i) => i.id)).toEqual(['FL_2']);
    expect((await store.claimArrivals(NOW + 600, 100, NOW, 1_000)).map((i) => i.id)).toEqual(['FL_3']);
    expect(await store.claimArrivals(NOW + 600, 100, NOW, 1_000)).toEqual([]);
  });

  it('keeps produced items unpublished until confirmed, so a crashed producer’s items are sent again', async () => {
    await store.upsertFlights([flight('FL_1', NOW - 60, NOW + 60, ['B_1']), flight('FL_2', NOW - 60, NOW + 61, ['B_2'])], NOW);
    const items = await store.claimArrivals(NOW + 600, 10, NOW);
    expect(items).toHaveLength(2);
    expect((await store.unpublished(10, NOW)).map((i) => i.id).sort()).toEqual(['FL_1', 'FL_2']);
    expect(await store.unpublished(10, NOW - 1)).toEqual([]);
    await store.markPublished(['FL_1']);
    expect(await store.unpublished(10, NOW)).toEqual([{ id: 'FL_2', arrivalTime: NOW + 61, bags: { B_2: -1 }, correction: false }]);
    await store.markPublished(['FL_2']);
    expect(await store.unpublished(10, NOW + 10)).toEqual([]);
  });

  it('re-evaluates a produced item when late bags or legs change it before the flight lands', async () => {
    await store.upsertFlights([flight('FL_arr', NOW - 3600, NOW + 300, ['B_late', 'B_leg', 'B_same'])], NOW);
    await store.upsertBags([bag('B_leg', ['FL_arr', 'FL_conn']), bag('B_same', ['FL_arr'])], NOW);
    const [first] = await store.claimArrivals(NOW + 600, 10, NOW);
    expect(first.bags).toEqual({ B_late: -1, B_leg: -3, B_same: 0 });
    await store.markPublished(['FL_arr']);
    expect(await store.takeCorrections(10, NOW)).toEqual([]);

    // A redelivered, unchanged bag is not a correction.
    await store.upsertBags([bag('B_same', ['FL_arr'])], NOW + 1);
    expect(await store.takeCorrections(10, NOW + 1)).toEqual([]);

    await store.upsertBags([bag('B_late', ['FL_arr'])], NOW + 2);
    await store.upsertFlights([flight('FL_conn', NOW + 4000, NOW + 9000, ['B_leg'])], NOW + 2);
    const corrected = await store.takeCorrections(10, NOW + 2);
    expect(corrected).toEqual([{ id: 'FL_arr', arrivalTime: NOW + 300, bags: { B_late: 0, B_leg: NOW + 4000, B_same: 0 }, correction: true }]);
    expect(await store.getFlight('FL_arr')).toMatchObject({ workRevision: 2 });
    expect((await store.unpublished(10, NOW + 2)).map((i) => i.id)).toEqual(['FL_arr']);
    expect(await store.takeCorrections(10, NOW + 2)).toEqual([]);
  });

  it('does not correct an item once its flight has landed', async () => {
    await store.upsertFlights([flight('FL_arr', NOW - 3600, NOW + 300, ['B_late'])], NOW);
    await store.claimArrivals(NOW + 600, 10, NOW);
    await store.upsertBags([bag('B_late', ['FL_arr'])], NOW + 301);
    expect(await store.takeCorrections(10, NOW + 301)).toEqual([]);
  });

  it('lists upcoming arrivals, claimed or not', async () => {
    await store.upsertFlights([flight('FL_1', NOW - 60, NOW + 100, ['B']), flight('FL_2', NOW - 60, NOW + 50), flight('FL_3', NOW - 60, NOW + 5000)], NOW);
    await store.claimArrivals(NOW + 60, 10, NOW);
    expect(await store.arrivals(NOW, NOW + 600, 10)).toEqual([
      { id: 'FL_2', arrivalTime: NOW + 50, workProduced: true },
      { id: 'FL_1', arrivalTime: NOW + 100, workProduced: false },
    ]);
    expect(await store.arrivals(NOW, NOW + 600, 1)).toHaveLength(1);
  });

  it('purges arrived flights older than the cutoff, and bags no newer stored leg needs', async () => {
    await store.upsertFlights(
      [flight('FL_old', NOW - 9000, NOW - 5000, ['B_done', 'B_onward']), flight('FL_future', NOW + 100, NOW + 4000, ['B_onward']), flight('FL_recent', NOW - 900, NOW - 10, ['B_recent'])],
      NOW - 6000,
    );
    await store.upsertBags([bag('B_done', ['FL_old']), bag('B_onward', ['FL_old', 'FL_future']), bag('B_recent', ['FL_recent']), bag('B_orphan', ['FL_none'])], NOW - 6000);
    await store.claimArrivals(NOW, 100, NOW);
    expect(await store.purgeArrived(NOW - 1000, 100)).toEqual({ flights: 1, bags: 1 });
    expect(await store.getFlight('FL_old')).toBeUndefined();
    expect(await store.getBag('B_done')).toBeUndefined();
    expect(await store.getBag('B_onward')).toBeDefined();
    expect(await store.getFlight('FL_recent')).toBeDefined();
    expect(await store.counts()).toEqual({ flights: 2, bags: 3 });
    expect(await store.purgeArrived(NOW - 1000, 100)).toEqual({ flights: 0, bags: 0 });
  });
}
