import type { DetectionGroup, DeviceType, RawEventLog, TimeRange, TravelTime } from '../../../domain';
import { invalidField } from '../../../domain';

/** int64 as @grpc/proto-loader hands it over: a Long (default), a string or a number. */
export type Int64 = number | string | { toString(): string } | null | undefined;

export interface TimestampWire {
  seconds?: Int64;
  nanos?: number | null;
}

export interface CoordinatesWire {
  detector_id?: string;
  latitude?: Int64;
  longitude?: Int64;
}

export interface DetectionEventWire {
  time?: TimestampWire[] | null;
  wifi?: string;
  bluetooth?: string;
  mobile?: string;
  device_id?: string;
}

export interface EventLogWire {
  loc?: CoordinatesWire | null;
  events?: DetectionEventWire[] | null;
}

export interface RangeWire {
  after?: TimestampWire | null;
  before?: TimestampWire | null;
}

export interface GetEventsRequestWire {
  detector_ids?: string[] | null;
  range?: RangeWire | null;
  limit?: Int64;
}

/** int64 → a safe integer, or NaN (which validation then refuses with the field's name). */
export function int64(value: Int64): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  const n = Number(String(value));
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

export function timestampToNs(ts: TimestampWire, field: string): bigint {
  let seconds: bigint;
  try {
    seconds = BigInt(String(ts.seconds ?? 0));
  } catch {
    throw invalidField(field, 'seconds must be an integer');
  }
  const nanos = ts.nanos ?? 0;
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) throw invalidField(`${field}.nanos`, 'must be from 0 to 999999999');
  return seconds * 1_000_000_000n + BigInt(nanos);
}

export function nsToTimestamp(ns: bigint): { seconds: number; nanos: number } {
  return { seconds: Number(ns / 1_000_000_000n), nanos: Number(ns % 1_000_000_000n) };
}

const DEVICE_BRANCHES: readonly DeviceType[] = ['wifi', 'bluetooth', 'mobile'];

/** collector.EventLog → the application's raw event log (validation happens there, naming the fields). */
export function decodeEventLog(message: EventLogWire, field = ''): RawEventLog {
  const events = Array.isArray(message?.events) ? message.events : [];
  return {
    detectorId: message?.loc?.detector_id,
    events: events.map((event, i) => {
      const branch = DEVICE_BRANCHES.find((b) => typeof event?.[b] === 'string');
      const times = Array.isArray(event?.time) ? event.time : [];
      return {
        deviceType: branch,
        rawDeviceId: branch ? event[branch] : undefined,
        timesNs: times.map((t, j) => timestampToNs(t ?? {}, `${field}events[${i}].time[${j}]`)),
      };
    }),
  };
}

export function decodeRange(range: RangeWire | null | undefined): TimeRange {
  return {
    afterNs: range?.after ? timestampToNs(range.after, 'range.after') : undefined,
    beforeNs: range?.before ? timestampToNs(range.before, 'range.before') : undefined,
  };
}

export function encodeGroup(group: DetectionGroup): { time: Array<{ seconds: number; nanos: number }>; device_id: string; detector_id: string } {
  return { time: group.timesNs.map(nsToTimestamp), device_id: group.deviceId, detector_id: group.detectorId };
}

export function encodeTravelTime(t: TravelTime): Record<string, unknown> {
  return {
    src_detector_id: t.srcDetectorId,
    dest_detector_id: t.destDetectorId,
    status: t.status === 'ok' ? 'OK' : 'INSUFFICIENT_DATA',
    count: t.count,
    outliers: t.outliers,
    median_seconds: t.median ?? 0,
    p85_seconds: t.p85 ?? 0,
    min_seconds: t.min ?? 0,
    max_seconds: t.max ?? 0,
    window_seconds: t.windowSeconds,
    computed_at: nsToTimestamp(BigInt(t.computedAt) * 1_000_000n),
  };
}
