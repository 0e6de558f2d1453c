import type { Detection, TravelTime } from '../domain';
import type { DetectorRepository } from './detector-repository';

/** The DetectorRepository contract, run against every adapter (memory in a *.spec.ts, etcd in a *.int-spec.ts). */
export function detectorRepositoryContract(adapter: string, make: () => Promise<DetectorRepository>): void {
  describe(`DetectorRepository contract (${adapter})`, () => {
    let repo: DetectorRepository;
    const run = Math.random().toString(36).slice(2, 8);
    const id = (name: string): string => `${name}-${run}`;
    const T0 = 1_767_225_600n * 1_000_000_000n; // 2026-01-01T00:00:00Z
    const at = (seconds: number, nanos = 0): bigint => T0 + BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
    const det = (detectorId: string, deviceId: string, timeNs: bigint): Detection => ({ detectorId, deviceId, deviceType: 'wifi', timeNs });

    beforeAll(async () => {
      repo = await make();
    });

    it('returns one detector’s detections newest first, with exact nanosecond times and device types', async () => {
      const d = id('order');
      await repo.appendDetections([det(d, 'aa', at(10, 5)), { ...det(d, 'bb', at(250, 999_999_999)), deviceType: 'bluetooth' }, det(d, 'aa', at(130))]);
      const found = await repo.findDetections(d, {}, 0);
      expect(found.map((f) => [f.deviceId, f.timeNs])).toEqual([
        ['bb', at(250, 999_999_999)],
        ['aa', at(130)],
        ['aa', at(10, 5)],
      ]);
      expect(found[0]).toEqual({ detectorId: d, deviceId: 'bb', deviceType: 'bluetooth', timeNs: at(250, 999_999_999) });
    });

    it('honours the range (after ≤ t < before) and the limit, across buckets', async () => {
      const d = id('range');
      await repo.appendDetections(Array.from({ length: 30 }, (_, i) => det(d, `dev${i}`, at(i * 37))));
      const inRange = await repo.findDetections(d, { afterNs: at(37 * 5), beforeNs: at(37 * 20) }, 0);
      expect(inRange.map((x) => x.deviceId)).toEqual(Array.from({ length: 15 }, (_, i) => `dev${19 - i}`));
      expect((await repo.findDetections(d, { afterNs: at(37 * 5) }, 3)).map((x) => x.deviceId)).toEqual(['dev29', 'dev28', 'dev27']);
      expect((await repo.findDetections(d, { beforeNs: at(37 * 3) }, 0)).map((x) => x.deviceId)).toEqual(['dev2', 'dev1', 'dev0']);
      expect((await repo.findDetections(d, {}, 1)).map((x) => x.deviceId)).toEqual(['dev29']);
      expect(await repo.findDetections(d, { afterNs: at(5000) }, 0)).toEqual([]);
    });

    it('never confuses xxx-1 with xxx-10', async () => {
      const one = id('xxx-1');
      const ten = `${one}0`;
      await repo.appendDetections([det(one, 'a', at(1)), det(ten, 'b', at(2))]);
      expect((await repo.findDetections(one, {}, 0)).map((x) => x.deviceId)).toEqual(['a']);
      expect((await repo.findDetections(ten, {}, 0)).map((x) => x.deviceId)).toEqual(['b']);
      expect(await repo.findDetections(id('unknown'), {}, 0)).toEqual([]);
    });

    it('stores more than one transaction’s worth (> 128) in one call', async () => {
      const d = id('big');
      await repo.appendDetections(Array.from({ length: 300 }, (_, i) => det(d, `dev${i}`, at(i))));
      expect(await repo.findDetections(d, {}, 0)).toHaveLength(300);
    });

    it('stores links (replacing) and lists them per destination, ordered', async () => {
      const dest = id('dest');
      await repo.putLinks([
        { destDetectorId: dest, srcDetectorId: id('s2'), maxSeconds: 60 },
        { destDetectorId: dest, srcDetectorId: id('s1'), maxSeconds: 30 },
      ]);
      await repo.putLinks([{ destDetectorId: dest, srcDetectorId: id('s2'), maxSeconds: 90 }]);
      expect(await repo.listLinks(dest)).toEqual([
        { destDetectorId: dest, srcDetectorId: id('s1'), maxSeconds: 30 },
        { destDetectorId: dest, srcDetectorId: id('s2'), maxSeconds: 90 },
      ]);
      expect((await repo.listLinks()).filter((l) => l.destDetectorId === dest)).toHaveLength(2);
      expect(await repo.listLinks(`${dest}x`)).toEqual([]);
    });

    it('stores coordinates and status reports (voltage history newest first)', async () => {
      const d = id('status');
      await repo.putCoordinates({ detectorId: d, latitude: 5_223_456, longitude: 2_112_345 });
      expect(await repo.getCoordinates(d)).toEqual({ detectorId: d, latitude: 5_223_456, longitude: 2_112_345 });
      expect(await repo.getCoordinates(id('none'))).toBeUndefined();
      for (const [i, v] of [12.1, 12.0, 11.9].entries()) {
        await repo.appendStatus({ detectorId: d, timeNs: at(i * 150), batteryVoltage: v, activeDetectors: ['wifi'], detectionCount: { '2': i } });
      }
      const statuses = await repo.findStatuses(d, {}, 0);
      expect(statuses.map((s) => s.batteryVoltage)).toEqual([11.9, 12.0, 12.1]);
      expect(statuses[0]).toEqual({ detectorId: d, timeNs: at(300), batteryVoltage: 11.9, activeDetectors: ['wifi'], detectionCount: { '2': 2 } });
      expect((await repo.findStatuses(d, { beforeNs: at(300) }, 1)).map((s) => s.batteryVoltage)).toEqual([12.0]);
    });

    it('stores the latest travel time per link', async () => {
      const dest = id('tt-dest');
      const result = (src: string, median: number): TravelTime => ({
        srcDetectorId: src,
        destDetectorId: dest,
        status: 'ok',
        count: 10,
        outliers: 1,
        median,
        p85: median + 5,
        min: median - 10,
        max: median + 10,
        windowSeconds: 900,
        computedAt: 1_767_225_600_000,
      });
      await repo.putTravelTimes([result(id('a'), 100), result(id('b'), 200)]);
      await repo.putTravelTimes([result(id('a'), 110)]);
      expect(await repo.getTravelTime(id('a'), dest)).toEqual(result(id('a'), 110));
      expect(await repo.getTravelTime(id('c'), dest)).toBeUndefined();
      expect((await repo.listTravelTimes(dest)).map((r) => [r.srcDetectorId, r.median])).toEqual([
        [id('a'), 110],
        [id('b'), 200],
      ]);
    });
  });
}
