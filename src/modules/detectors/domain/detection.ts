import type { DeviceType } from './device';

/** One sighting of one device at one detector, as stored: the device id is already a pseudonym. */
export interface Detection {
  detectorId: string;
  /** Server-side pseudonym (HMAC of the detector-supplied hash); never the raw id. */
  deviceId: string;
  /** `unknown` only for events written by the original server (its values carry no device type). */
  deviceType: DeviceType | 'unknown';
  /** Unix time in nanoseconds. */
  timeNs: bigint;
}

/** A time range: after ≤ t < before; either bound may be missing. */
export interface TimeRange {
  afterNs?: bigint;
  beforeNs?: bigint;
}

export function inRange(timeNs: bigint, range: TimeRange): boolean {
  return (range.afterNs === undefined || timeNs >= range.afterNs) && (range.beforeNs === undefined || timeNs < range.beforeNs);
}

/** Newest first; ties broken by device id so every answer has one deterministic order. */
export function newestFirst(a: Detection, b: Detection): number {
  if (a.timeNs !== b.timeNs) return a.timeNs > b.timeNs ? -1 : 1;
  return a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0;
}

/** Sightings of one device at one detector, newest first (query.DetectionEvent). */
export interface DetectionGroup {
  detectorId: string;
  deviceId: string;
  timesNs: bigint[];
}

/**
 * Groups one detector's sightings (already newest first) per device, times accumulated newest first; groups are
 * ordered by their newest sighting (then device id), so the answer is deterministic.
 */
export function groupByDevice(detections: readonly Detection[]): DetectionGroup[] {
  const groups = new Map<string, DetectionGroup>();
  for (const d of detections) {
    const key = d.deviceId;
    let group = groups.get(key);
    if (!group) {
      group = { detectorId: d.detectorId, deviceId: d.deviceId, timesNs: [] };
      groups.set(key, group);
    }
    group.timesNs.push(d.timeNs);
  }
  return [...groups.values()];
}
