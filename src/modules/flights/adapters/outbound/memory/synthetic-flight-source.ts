import { createHash } from 'node:crypto';
import { Direction, Flight, Window } from '../../../domain';
import { FlightSource } from '../../../ports';

/** Busy European airports the synthetic flights fly between (plus the airport asked about). */
const NETWORK = ['EGLL', 'LFPG', 'EDDF', 'EHAM', 'LEMD', 'LIRF', 'LIMC', 'LSZH', 'LOWW', 'EKCH', 'LPPT', 'EIDW'];
const H = 3600;

/**
 * Deterministic made-up traffic for ADAPTERS=memory (no OpenSky credentials needed). A flight from X to Y in a
 * given hour exists or not as a pure function of (X, Y, hour), so arrivals at Y and departures from X agree and
 * collecting a window twice yields the same flights.
 */
export class SyntheticFlightSource extends FlightSource {
  constructor(private readonly probability = 0.12) {
    super();
  }

  async flights(direction: Direction, airportCode: string, window: Window): Promise<Flight[]> {
    const others = NETWORK.filter((c) => c !== airportCode);
    const flights: Flight[] = [];
    // Arrivals can have departed up to 6 h before the window.
    const firstHour = Math.floor(window.begin / H) - (direction === 'arrival' ? 6 : 0);
    for (let hour = firstHour; hour * H < window.end; hour++) {
      for (const other of others) {
        const f = direction === 'departure' ? this.flight(airportCode, other, hour) : this.flight(other, airportCode, hour);
        if (!f) continue;
        const instant = direction === 'departure' ? f.firstSeen : f.lastSeen;
        if (instant >= window.begin && instant < window.end) flights.push(f);
      }
    }
    return flights;
  }

  private flight(from: string, to: string, hour: number): Flight | null {
    const digest = createHash('sha1').update(`${from}>${to}@${hour}`).digest();
    // Quieter at night (UTC 0-5).
    const hourOfDay = ((hour % 24) + 24) % 24;
    const p = hourOfDay < 5 ? this.probability / 4 : this.probability;
    if (digest.readUInt32BE(0) / 0xffffffff >= p) return null;
    const firstSeen = hour * H + (digest.readUInt16BE(4) % H);
    const duration = 45 * 60 + (digest.readUInt16BE(6) % (3 * H));
    return {
      icao24: digest.subarray(8, 11).toString('hex'),
      callsign: `SYN${(digest.readUInt16BE(12) % 9000) + 1000}`,
      firstSeen,
      lastSeen: firstSeen + duration,
      estDepartureAirport: from,
      estArrivalAirport: to,
    };
  }
}
