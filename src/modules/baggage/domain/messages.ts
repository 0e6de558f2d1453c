import type { BagRecord, FlightRecord } from './records';
import { isValidId, MAX_ID_LENGTH } from './errors';

/** Limits on one stream message: beyond them it is dead-lettered instead of stored. */
export const MESSAGE_LIMITS = {
  /** Raw message size (the original's largest flight, 300 bags × ~41 bytes, is ~13 KB). */
  maxBytes: 512 * 1024,
  maxBagsPerFlight: 5000,
  maxFlightsPerBag: 16,
  /** Times must be plausible unix seconds (years 2001…2286), not milliseconds or garbage. */
  minTime: 1_000_000_000,
  maxTime: 9_999_999_999,
} as const;

export type Parsed<T> = { ok: true; record: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function parseJson(raw: string | null): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  if (raw === null) return fail('empty message (tombstone)');
  if (raw.length > MESSAGE_LIMITS.maxBytes) return fail(`message larger than ${MESSAGE_LIMITS.maxBytes} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object');
  return { ok: true, value: value as Record<string, unknown> };
}

function idReason(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return `missing ${field}`;
  if (typeof value !== 'string') return `${field} must be a string`;
  if (!isValidId(value)) return `${field} must be 1-${MAX_ID_LENGTH} characters of A-Z a-z 0-9 _ . : -`;
  return undefined;
}

function timeReason(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return `missing ${field}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${field} must be a number (unix seconds)`;
  if (value < MESSAGE_LIMITS.minTime || value > MESSAGE_LIMITS.maxTime) return `${field} must be unix seconds between ${MESSAGE_LIMITS.minTime} and ${MESSAGE_LIMITS.maxTime}`;
  return undefined;
}

function idList(value: unknown, field: string, max: number): { ok: true; ids: string[] } | { ok: false; reason: string } {
  if (value === undefined || value === null) return fail(`missing ${field}`);
  if (!Array.isArray(value)) return fail(`${field} must be an array of ids`);
  if (value.length > max) return fail(`${field} has ${value.length} entries; at most ${max} allowed`);
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const reason = idReason(value[i], `${field}[${i}]`);
    if (reason) return fail(reason);
    if (seen.has(value[i] as string)) return fail(`${field}[${i}] repeats ${value[i] as string}`);
    seen.add(value[i] as string);
  }
  return { ok: true, ids: value as string[] };
}

/** `flights` topic: `{"id","departure_time","arrival_time","bags":[...]}`. */
export function parseFlightMessage(raw: string | null): Parsed<FlightRecord> {
  const json = parseJson(raw);
  if (!json.ok) return json;
  const v = json.value;
  const reason = idReason(v.id, 'id') ?? timeReason(v.departure_time, 'departure_time') ?? timeReason(v.arrival_time, 'arrival_time');
  if (reason) return fail(reason);
  if ((v.arrival_time as number) < (v.departure_time as number)) return fail('arrival_time is before departure_time');
  const bags = idList(v.bags, 'bags', MESSAGE_LIMITS.maxBagsPerFlight);
  if (!bags.ok) return bags;
  return { ok: true, record: { id: v.id as string, departureTime: v.departure_time as number, arrivalTime: v.arrival_time as number, bags: bags.ids } };
}

/** `bags` topic: `{"id","flights":[...]}`. */
export function parseBagMessage(raw: string | null): Parsed<BagRecord> {
  const json = parseJson(raw);
  if (!json.ok) return json;
  const v = json.value;
  const reason = idReason(v.id, 'id');
  if (reason) return fail(reason);
  const flights = idList(v.flights, 'flights', MESSAGE_LIMITS.maxFlightsPerBag);
  if (!flights.ok) return flights;
  return { ok: true, record: { id: v.id as string, flights: flights.ids } };
}

/** The wire form of a work item (`arriving_flight_work`). */
export function workItemJson(item: { id: string; arrivalTime: number; bags: Readonly<Record<string, number>> }): string {
  return JSON.stringify({ id: item.id, arrival_time: item.arrivalTime, bags: item.bags });
}

/** The wire forms of the stream messages (the test data producer writes them). */
export const flightJson = (f: FlightRecord): string => JSON.stringify({ id: f.id, departure_time: f.departureTime, arrival_time: f.arrivalTime, bags: f.bags });
export const bagJson = (b: BagRecord): string => JSON.stringify({ id: b.id, flights: b.flights });
