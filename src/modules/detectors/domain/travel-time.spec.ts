import { pairSamples, quantile, rejectOutliers, summarize } from './travel-time';

const settings = { minSamples: 5, iqrFactor: 1.5 };
const sightings = (entries: Record<string, number[]>): Map<string, number[]> => new Map(Object.entries(entries));

describe('travel-time estimation', () => {
  describe('pairSamples', () => {
    it('pairs each destination sighting with the latest earlier source sighting within max seconds', () => {
      const samples = pairSamples(sightings({ a: [100, 150], b: [100], c: [100] }), sightings({ a: [200], b: [800], c: [90] }), 600);
      expect(samples).toEqual([{ deviceId: 'a', departedAt: 150, arrivedAt: 200, seconds: 50 }]);
    });

    it('requires 0 < t2 − t1 (a simultaneous sighting is no sample) and ≤ max (inclusive)', () => {
      expect(pairSamples(sightings({ a: [100] }), sightings({ a: [100] }), 600)).toEqual([]);
      expect(pairSamples(sightings({ a: [100] }), sightings({ a: [700] }), 600).map((s) => s.seconds)).toEqual([600]);
      expect(pairSamples(sightings({ a: [100] }), sightings({ a: [700.001] }), 600)).toEqual([]);
    });

    it('uses a source sighting once, so repeated destination reports do not multiply a passage', () => {
      const samples = pairSamples(sightings({ a: [100, 1000] }), sightings({ a: [160, 161, 162, 1100] }), 600);
      expect(samples.map((s) => s.seconds)).toEqual([60, 100]);
    });

    it('keeps only arrivals inside the window (from, to]', () => {
      const samples = pairSamples(sightings({ a: [0], b: [100] }), sightings({ a: [50], b: [150] }), 600, 100, 200);
      expect(samples.map((s) => s.deviceId)).toEqual(['b']);
    });
  });

  describe('summarize', () => {
    it('computes count, median, p85, min and max', () => {
      const result = summarize([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], settings);
      expect(result).toEqual({ status: 'ok', count: 10, outliers: 0, median: 55, p85: 86.5, min: 10, max: 100 });
    });

    it('drops outliers outside 1.5 IQR', () => {
      const result = summarize([100, 101, 102, 103, 104, 105, 900, 5], settings);
      expect(result.outliers).toBe(2);
      expect(result.count).toBe(6);
      expect(result.min).toBe(100);
      expect(result.max).toBe(105);
    });

    it('reports insufficient data below the minimum sample count', () => {
      expect(summarize([100, 110, 120, 130], settings)).toEqual({ status: 'insufficient_data', count: 4, outliers: 0 });
      expect(summarize([], settings)).toEqual({ status: 'insufficient_data', count: 0, outliers: 0 });
    });

    it('quantiles interpolate; outlier rejection needs 4 samples', () => {
      expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
      expect(rejectOutliers([1, 1000, 2], 1.5)).toEqual([1, 1000, 2]);
      expect(() => quantile([], 0.5)).toThrow(RangeError);
    });
  });
});
