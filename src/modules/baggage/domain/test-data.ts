import type { BagRecord, FlightRecord } from './records';

const HEX = '0123456789abcdef';

/** A version-4-shaped UUID drawn from `random` (ids of the original's generator are `FL_<uuid>` / `BAG_<uuid>`). */
export function randomUuid(random: () => number): string {
  let out = '';
  for (let i = 0; i < 32; i++) {
    let digit = Math.floor(random() * 16);
    if (i === 12) digit = 4;
    if (i === 16) digit = 8 + (digit & 3);
    out += HEX[digit];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}

export interface TestHourOptions {
  /** Start of the hour, unix seconds. */
  hourStart: number;
  flights: number;
  bags: number;
  random: () => number;
}

export interface TestHour {
  flights: FlightRecord[];
  bags: BagRecord[];
}

/**
 * One hour of test data, as seed 003's generator shapes it: each flight arrives at a random minute of the hour and
 * departs 30–240 minutes earlier; each bag gets 1–3 distinct flights of the hour sorted by departure, and each flight
 * lists the bags routed through it.
 */
export function generateHour({ hourStart, flights: flightCount, bags: bagCount, random }: TestHourOptions): TestHour {
  const flights = Array.from({ length: flightCount }, () => {
    const arrivalTime = hourStart + Math.floor(random() * 60) * 60 + Math.floor(random() * 60);
    const departureTime = arrivalTime - (30 + Math.floor(random() * 211)) * 60;
    return { id: `FL_${randomUuid(random)}`, departureTime, arrivalTime, bags: [] as string[] };
  });
  const bags: BagRecord[] = [];
  for (let b = 0; b < bagCount; b++) {
    const id = `BAG_${randomUuid(random)}`;
    const legs = Math.min(flights.length, 1 + Math.floor(random() * 3));
    const chosen = new Set<number>();
    while (chosen.size < legs) chosen.add(Math.floor(random() * flights.length));
    const itinerary = [...chosen].map((i) => flights[i]).sort((x, y) => x.departureTime - y.departureTime);
    for (const f of itinerary) f.bags.push(id);
    bags.push({ id, flights: itinerary.map((f) => f.id) });
  }
  return { flights, bags };
}
