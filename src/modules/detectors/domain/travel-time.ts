/**
 * Travel-time estimation between linked detectors (seed 001's designed-but-unbuilt part). Pure functions: times are
 * seconds as floating-point numbers, sightings are per device.
 */

/** Sightings per device id: times in seconds, any order. */
export type SightingsByDevice = ReadonlyMap<string, readonly number[]>;

export interface TravelTimeSettings {
  /** Rolling window: samples whose arrival at the destination is within (now - window, now]. */
  windowSeconds: number;
  /** Below this many samples (after outlier rejection) the result is "insufficient data". */
  minSamples: number;
  /** Tukey fences: samples outside [Q1 - k·IQR, Q3 + k·IQR] are dropped. */
  iqrFactor: number;
}

export const DEFAULT_TRAVEL_TIME_SETTINGS: TravelTimeSettings = { windowSeconds: 900, minSamples: 5, iqrFactor: 1.5 };

export interface TravelTimeSample {
  deviceId: string;
  departedAt: number;
  arrivedAt: number;
  seconds: number;
}

/**
 * One sample per (source sighting → destination sighting): each destination sighting is paired with the device's latest
 * earlier source sighting when 0 < t2 − t1 ≤ maxSeconds. A source sighting is used once (by the first destination
 * sighting after it), so a detector that reports one passage several times does not multiply the sample.
 */
export function pairSamples(src: SightingsByDevice, dest: SightingsByDevice, maxSeconds: number, fromSeconds = -Infinity, toSeconds = Infinity): TravelTimeSample[] {
  const samples: TravelTimeSample[] = [];
  for (const [deviceId, destTimesRaw] of dest) {
    const srcTimesRaw = src.get(deviceId);
    if (!srcTimesRaw || srcTimesRaw.length === 0) continue;
    const srcTimes = [...srcTimesRaw].sort((a, b) => a - b);
    const destTimes = [...destTimesRaw].sort((a, b) => a - b);
    const used = new Set<number>();
    let i = -1; // index of the latest source sighting strictly before t2
    for (const t2 of destTimes) {
      while (i + 1 < srcTimes.length && srcTimes[i + 1] < t2) i++;
      if (i < 0 || used.has(i)) continue;
      const t1 = srcTimes[i];
      const seconds = t2 - t1;
      if (seconds <= 0 || seconds > maxSeconds) continue;
      used.add(i);
      if (t2 <= fromSeconds || t2 > toSeconds) continue;
      samples.push({ deviceId, departedAt: t1, arrivedAt: t2, seconds });
    }
  }
  return samples;
}

export type TravelTimeStatus = 'ok' | 'insufficient_data';

export interface TravelTimeSummary {
  status: TravelTimeStatus;
  /** Samples kept after outlier rejection. */
  count: number;
  /** Samples dropped as outliers. */
  outliers: number;
  median?: number;
  p85?: number;
  min?: number;
  max?: number;
}

/** Linear-interpolation quantile (the "type 7" estimator of R and NumPy) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Drops samples outside Tukey's fences (needs at least 4 samples to say anything). */
export function rejectOutliers(sorted: readonly number[], iqrFactor: number): number[] {
  if (sorted.length < 4) return [...sorted];
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const low = q1 - iqrFactor * iqr;
  const high = q3 + iqrFactor * iqr;
  return sorted.filter((v) => v >= low && v <= high);
}

/** Count, median, p85, min and max of the samples that survive outlier rejection. */
export function summarize(seconds: readonly number[], settings: Pick<TravelTimeSettings, 'minSamples' | 'iqrFactor'>): TravelTimeSummary {
  const sorted = [...seconds].filter((s) => Number.isFinite(s)).sort((a, b) => a - b);
  const kept = rejectOutliers(sorted, settings.iqrFactor);
  const outliers = sorted.length - kept.length;
  if (kept.length === 0 || kept.length < settings.minSamples) return { status: 'insufficient_data', count: kept.length, outliers };
  return {
    status: 'ok',
    count: kept.length,
    outliers,
    median: round3(quantile(kept, 0.5)),
    p85: round3(quantile(kept, 0.85)),
    min: round3(kept[0]),
    max: round3(kept[kept.length - 1]),
  };
}

/** The result of one link at one moment, as stored and served. */
export interface TravelTime extends TravelTimeSummary {
  srcDetectorId: string;
  destDetectorId: string;
  windowSeconds: number;
  /** Unix milliseconds. */
  computedAt: number;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
