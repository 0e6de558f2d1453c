/**
 * The behaviour every FlightGraph adapter must have. Runs against the memory adapter (unit) and Neo4j (int).
 * Every run uses fresh airport codes, icao24s and emails, so runs against a shared database never collide;
 * `cleanup` receives them to delete what the run created.
 */
import { randomBytes } from 'node:crypto';
import type { Flight } from '../domain';
import type { FlightGraph } from './flight-graph';

export interface FlightGraphHarness {
  graph: FlightGraph;
  cleanup?: (created: { codes: string[]; emails: string[]; icao24s: string[] }) => Promise<void>;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A random ICAO-shaped code (Q… codes are unassigned, so no real airport is touched). */
export function randomAirportCode(): string {
  return `Q${[...randomBytes(3)].map((b) => LETTERS[b % 26]).join('')}`;
}
export const randomEmail = (): string => `flights-${randomBytes(5).toString('hex')}@example.com`;

const H = 3600;
const D = 86_400;
/** 2026-01-01T00:00:00Z */
export const T0 = 1_767_225_600;

export function flightGraphContract(name: string, setup: () => Promise<FlightGraphHarness>): void {
  describe(`FlightGraph contract: ${name}`, () => {
    let harness: FlightGraphHarness;
    let graph: FlightGraph;
    const [A, B, C] = distinctCodes(3);
    const prefix = randomBytes(2).toString('hex');
    const emails = [randomEmail(), randomEmail()];
    const icao24s: string[] = [];
    const flight = (n: number, dep: string | null, arr: string | null, firstSeen: number, lastSeen: number): Flight => {
      const icao24 = `${prefix}${String(n).padStart(2, '0')}`;
      icao24s.push(icao24);
      return { icao24, callsign: `JCT${n}`, firstSeen, lastSeen, estDepartureAirport: dep, estArrivalAirport: arr };
    };
    const flights = [
      flight(1, A, B, T0 + 8 * H, T0 + 10 * H),
      flight(2, B, A, T0 + 6 * H, T0 + 9 * H),
      flight(3, A, C, T0 + 8.5 * H, T0 + 11 * H),
      flight(4, C, A, T0 + D + 7 * H, T0 + D + 9.5 * H),
      flight(5, A, null, T0 + D + 15 * H, T0 + D + 16 * H),
      flight(6, A, B, T0 + 2 * D + 8 * H, T0 + 2 * D + 10 * H),
    ];

    beforeAll(async () => {
      harness = await setup();
      graph = harness.graph;
    });
    afterAll(async () => {
      await harness?.cleanup?.({ codes: [A, B, C], emails, icao24s });
    });

    describe('interests', () => {
      const [ada, bob] = emails;

      it('saves, lists (by code) and updates interests; an absent threshold is removed', async () => {
        await graph.saveInterests(ada, [{ airportCode: B }, { airportCode: A, lowValue: 1, highValue: 10 }]);
        expect(await graph.interestsOf(ada)).toEqual(sortByCode([{ airportCode: A, lowValue: 1, highValue: 10 }, { airportCode: B }]));
        await graph.saveInterests(ada, [{ airportCode: A, highValue: 5 }]);
        expect(await graph.interestsOf(ada)).toEqual(sortByCode([{ airportCode: A, highValue: 5 }, { airportCode: B }]));
        expect(await graph.interestsOf(randomEmail())).toEqual([]);
      });

      it('knows the monitored airports and their interested users', async () => {
        await graph.saveInterests(bob, [{ airportCode: A, lowValue: 0 }]);
        const monitored = await graph.monitoredAirports();
        expect(monitored).toEqual(expect.arrayContaining([{ code: A, lastUpdate: null }, { code: B, lastUpdate: null }]));
        expect(monitored.find((m) => m.code === C)).toBeUndefined();
        expect(await graph.interestedUsers(A)).toEqual(
          [
            { email: ada, interest: { airportCode: A, highValue: 5 } },
            { email: bob, interest: { airportCode: A, lowValue: 0 } },
          ].sort((x, y) => x.email.localeCompare(y.email)),
        );
        expect(await graph.userEmails()).toEqual(expect.arrayContaining([ada, bob]));
      });

      it('removes one interest (false when there was none)', async () => {
        expect(await graph.removeInterest(ada, B)).toBe(true);
        expect(await graph.removeInterest(ada, B)).toBe(false);
        expect(await graph.removeInterest(randomEmail(), A)).toBe(false);
        expect((await graph.monitoredAirports()).find((m) => m.code === B)).toBeUndefined();
      });

      it('removes a user with all their interests, idempotently', async () => {
        expect(await graph.removeUser(bob)).toBe(1);
        expect(await graph.removeUser(bob)).toBe(0);
        expect(await graph.interestsOf(bob)).toEqual([]);
        expect((await graph.interestedUsers(A)).map((u) => u.email)).toEqual([ada]);
        expect(await graph.userEmails()).not.toContain(bob);
      });
    });

    describe('flights', () => {
      it('ingests each flight once, also when the same flights come again', async () => {
        expect(await graph.ingest(flights)).toBe(6);
        expect(await graph.ingest(flights)).toBe(0);
        const moved = { ...flights[0], lastSeen: flights[0].lastSeen + 60 };
        expect(await graph.ingest([moved, flight(7, B, C, T0 + 20 * D, T0 + 20 * D + H)])).toBe(1);
        expect(await graph.ingest([])).toBe(0);
      });

      it('keeps last_update, never moving it back', async () => {
        expect(await graph.airport(A)).toEqual({ code: A, lastUpdate: null });
        await graph.markCollected(A, T0 + 3 * D);
        await graph.markCollected(A, T0);
        expect(await graph.airport(A)).toEqual({ code: A, lastUpdate: T0 + 3 * D });
        expect(await graph.airport(randomAirportCode())).toBeNull();
      });

      it('lists the newest flights of a direction first', async () => {
        expect((await graph.latestFlights(A, 'departure', 2)).map((f) => f.icao24)).toEqual([flights[5].icao24, flights[4].icao24]);
        const arrivals = await graph.latestFlights(A, 'arrival', 10);
        expect(arrivals.map((f) => f.icao24)).toEqual([flights[3].icao24, flights[1].icao24]);
        expect(arrivals[0]).toEqual(flights[3]);
        // Updated facts of a re-ingested flight win.
        expect((await graph.latestFlights(B, 'arrival', 10)).find((f) => f.icao24 === flights[0].icao24)?.lastSeen).toBe(flights[0].lastSeen + 60);
      });

      it('counts by direction: arrivals by lastSeen, departures by firstSeen, windows [from, to)', async () => {
        expect(await graph.countFlights(A, 'departure', T0, T0 + 3 * D)).toBe(4);
        expect(await graph.countFlights(A, 'arrival', T0, T0 + 3 * D)).toBe(2);
        expect(await graph.countFlights(A, 'departure', T0 + 8 * H, T0 + 8.5 * H)).toBe(1);
        expect(await graph.countFlights(A, 'arrival', T0 + 6 * H, T0 + 9 * H)).toBe(0);
        expect(await graph.countFlights(C, 'departure', T0, T0 + 30 * D)).toBe(1);
      });

      it('finds the busiest hours of a direction', async () => {
        expect(await graph.busiestHours(A, 'departure', T0, T0 + 3 * D)).toEqual([
          { hour: 8, flights: 3 },
          { hour: 15, flights: 1 },
        ]);
        expect(await graph.busiestHours(A, 'arrival', T0, T0 + 3 * D)).toEqual([{ hour: 9, flights: 2 }]);
        expect(await graph.busiestHours(A, 'arrival', T0 + 10 * D, T0 + 11 * D)).toEqual([]);
      });

      it('finds the top routes through an airport', async () => {
        const ones = [
          { departure: A, arrival: C, flights: 1 },
          { departure: B, arrival: A, flights: 1 },
          { departure: C, arrival: A, flights: 1 },
        ].sort((x, y) => x.departure.localeCompare(y.departure) || x.arrival.localeCompare(y.arrival));
        expect(await graph.topRoutes(A, T0, T0 + 3 * D, 10)).toEqual([{ departure: A, arrival: B, flights: 2 }, ...ones]);
        expect(await graph.topRoutes(A, T0, T0 + 3 * D, 2)).toEqual([{ departure: A, arrival: B, flights: 2 }, ones[0]]);
        expect(await graph.topRoutes(A, T0 + D, T0 + 2 * D, 10)).toEqual([{ departure: C, arrival: A, flights: 1 }]);
      });
    });
  });
}

function distinctCodes(n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(randomAirportCode());
  return [...codes];
}

function sortByCode<T extends { airportCode: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.airportCode.localeCompare(b.airportCode));
}
