/**
 * The traffic simulator's model: a chain of detectors (a road) with known true travel times, devices driven through it
 * with noise, occasional stops (outliers) and missed or repeated sightings. Deterministic for one seed.
 */
import { seededRandom } from '@libs/kernel';

export interface ScenarioOptions {
  detectors: number;
  devices: number;
  /** Simulated seconds over which devices enter the road. */
  durationSeconds: number;
  /** Unix ms of the simulation's end: every sighting happens at or before it. */
  endMs: number;
  seed: number;
  /** Detector ids are `<idPrefix>-<n>` (n from 1). */
  idPrefix: string;
}

export type DeviceKind = 'wifi' | 'bluetooth' | 'mobile';

export interface SimLink {
  src: string;
  dest: string;
  maxSeconds: number;
  /** The true (noise-free) travel time: what estimation must recover. */
  trueSeconds: number;
  /** Passages generated over this link (before missed sightings and outliers). */
  passages: number;
}

export interface Sighting {
  detectorId: string;
  kind: DeviceKind;
  deviceHash: string;
  /** Unix ms (fractional). */
  timesMs: number[];
}

export interface Scenario {
  links: SimLink[];
  detectorIds: string[];
  /** Ordered by first time. */
  sightings: Sighting[];
  startMs: number;
  endMs: number;
  events: number;
}

export function trueTravelSeconds(linkIndex: number): number {
  return 60 + ((linkIndex * 37) % 120);
}

export function buildScenario(options: ScenarioOptions): Scenario {
  const random = seededRandom(options.seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const n = Math.max(2, options.detectors);
  const detectorIds = Array.from({ length: n }, (_, i) => `${options.idPrefix}-${i + 1}`);
  const links: SimLink[] = detectorIds.slice(1).map((dest, i) => ({ src: detectorIds[i], dest, trueSeconds: trueTravelSeconds(i), maxSeconds: trueTravelSeconds(i) * 3, passages: 0 }));
  const longestTrip = links.reduce((sum, l) => sum + l.trueSeconds * 1.5, 0) + 600;
  const startMs = options.endMs - (options.durationSeconds + longestTrip) * 1000;
  const kinds: DeviceKind[] = ['wifi', 'bluetooth', 'mobile'];
  const sightings: Sighting[] = [];
  for (let d = 0; d < options.devices; d++) {
    const kind = kinds[Math.floor(random() * kinds.length)];
    const deviceHash = Array.from({ length: 4 }, () => Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')).join('');
    const entry = Math.floor(random() * (n - 1));
    const exit = entry + 1 + Math.floor(random() * (n - 1 - entry));
    let t = startMs + random() * options.durationSeconds * 1000;
    for (let i = entry; i <= exit; i++) {
      if (i > entry) {
        const link = links[i - 1];
        link.passages++;
        let seconds = link.trueSeconds * (1 + 0.08 * gauss());
        seconds = Math.max(link.trueSeconds * 0.5, seconds);
        if (random() < 0.03) seconds += 120 + random() * 480; // a stop on the way: an outlier
        t += seconds * 1000;
      }
      if (t > options.endMs) break;
      if (random() < 0.1) continue; // missed by this detector
      const timesMs = [t];
      if (random() < 0.2) timesMs.push(t + random() * 2000); // reported twice
      sightings.push({ detectorId: detectorIds[i], kind, deviceHash, timesMs });
    }
  }
  sightings.sort((a, b) => a.timesMs[0] - b.timesMs[0]);
  return { links, detectorIds, sightings, startMs, endMs: options.endMs, events: sightings.reduce((s, x) => s + x.timesMs.length, 0) };
}
