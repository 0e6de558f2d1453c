// The behaviour every CatalogueRepository adapter must have. Jest globals; never imported by production code.
import type { CatalogueRepository } from './catalogue-repository';

export function catalogueRepositoryContract(name: string, fixture: () => Promise<CatalogueRepository>): void {
  describe(`CatalogueRepository contract: ${name}`, () => {
    it("holds the original's four stations and a richer, consistent network", async () => {
      const c = await (await fixture()).snapshot();
      const byName = new Map(c.stations.map((s) => [s.name, s.distanceIndex]));
      expect(Object.fromEntries(['Dhaka', 'Khulna', 'Rajshahi', 'Ctg'].map((n) => [n, byName.get(n)]))).toEqual({ Dhaka: 0, Khulna: 10, Rajshahi: 25, Ctg: 40 });
      expect(c.stations.length).toBeGreaterThanOrEqual(10);
      const codes = new Set(c.stations.map((s) => s.code));
      const trains = new Map(c.trains.map((t) => [t.id, t]));
      for (const s of c.schedules) {
        expect(codes.has(s.fromCode) && codes.has(s.toCode) && trains.has(s.trainId)).toBe(true);
        expect(s.departureTime).toMatch(/^\d\d:\d\d$/);
        for (const stop of s.stops) expect(codes.has(stop.stationCode)).toBe(true);
      }
      for (const t of c.trains) expect(t.coaches.length).toBeGreaterThan(0);
      const seed = c.schedules.find((s) => s.id === '725');
      expect(seed).toMatchObject({ trainId: '725', fromCode: 'DHK', toCode: 'KHL', departureTime: '08:15', stops: [{ stationCode: 'JSR', offsetMinutes: 390 }] });
      expect(trains.get('725')?.coaches.map((co) => co.seatClass)).toEqual(['AC', 'snigdha', 'shovan', 'shovan']);
    });
  });
}
