import { DEVICE_TYPES, DeviceType, MAX_RAW_DEVICE_ID_LENGTH } from './device';
import { parseDetectorId } from './detector-id';
import { DETECTORS_ERRORS, invalidField } from './detectors-errors';

/** An event of an EventLog as received: the device branch that was set (if any) and its times. */
export interface RawDetectionEvent {
  deviceType?: DeviceType;
  rawDeviceId?: unknown;
  /** Unix nanoseconds, already decoded from google.protobuf.Timestamp. */
  timesNs: readonly bigint[];
}

export interface RawEventLog {
  detectorId: unknown;
  events: readonly RawDetectionEvent[];
}

export interface ValidEvent {
  deviceType: DeviceType;
  rawDeviceId: string;
  timesNs: readonly bigint[];
}

export interface ValidEventLog {
  detectorId: string;
  events: ValidEvent[];
  /** Stored detections this log becomes (one per event and timestamp). */
  size: number;
}

/** Earliest and latest accepted event times: 10-digit unix seconds keep the storage buckets in key order. */
export const MIN_EVENT_TIME_NS = 1_000_000_000n * 1_000_000_000n;
export const MAX_EVENT_TIME_NS = 9_999_999_999n * 1_000_000_000n;

/**
 * Checks an EventLog, naming the first bad field the way the proto does (`loc.detector_id`, `events[2].device_id`,
 * `events[2].time[0]`). An event with no device branch set is refused (the original stored garbage).
 */
export function validateEventLog(log: RawEventLog, maxDetections: number, field = ''): ValidEventLog {
  const detectorId = parseDetectorId(log.detectorId, `${field}loc.detector_id`);
  let size = 0;
  const events = log.events.map((event, i): ValidEvent => {
    const at = `${field}events[${i}]`;
    if (!event.deviceType || !DEVICE_TYPES.includes(event.deviceType)) {
      throw invalidField(`${at}.device_id`, 'no device branch set (one of wifi, bluetooth, mobile is required)', DETECTORS_ERRORS.NO_DEVICE);
    }
    const raw = event.rawDeviceId;
    if (typeof raw !== 'string' || raw.length === 0) throw invalidField(`${at}.${event.deviceType}`, 'must be a non-empty device hash');
    if (raw.length > MAX_RAW_DEVICE_ID_LENGTH) throw invalidField(`${at}.${event.deviceType}`, `must be at most ${MAX_RAW_DEVICE_ID_LENGTH} characters`);
    if (event.timesNs.length === 0) throw invalidField(`${at}.time`, 'at least one timestamp is required');
    event.timesNs.forEach((t, j) => {
      if (t < MIN_EVENT_TIME_NS || t > MAX_EVENT_TIME_NS) throw invalidField(`${at}.time[${j}]`, 'must be between 2001-09-09 and 2286-11-20');
    });
    size += event.timesNs.length;
    if (size > maxDetections) throw invalidField(`${field}events`, `at most ${maxDetections} timestamps per EventLog`, DETECTORS_ERRORS.TOO_LARGE);
    return { deviceType: event.deviceType, rawDeviceId: raw, timesNs: event.timesNs };
  });
  return { detectorId, events, size };
}
