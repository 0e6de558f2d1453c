import { Direction, Flight, Interest, flightKey, instantFor } from '../../../domain';
import { AirportState, FlightGraph, HourCount, InterestedUser, RouteCount } from '../../../ports';

/** The flights graph in process memory (ADAPTERS=memory and unit tests); same behaviour as the Neo4j adapter. */
export class MemoryFlightGraph extends FlightGraph {
  private readonly interests = new Map<string, Map<string, Interest>>();
  private readonly airports = new Map<string, number | null>();
  private readonly flights = new Map<string, Flight>();

  async saveInterests(email: string, interests: readonly Interest[]): Promise<void> {
    const mine = this.interests.get(email) ?? new Map<string, Interest>();
    for (const i of interests) {
      mine.set(i.airportCode, { ...i });
      if (!this.airports.has(i.airportCode)) this.airports.set(i.airportCode, null);
    }
    this.interests.set(email, mine);
  }

  async interestsOf(email: string): Promise<Interest[]> {
    return [...(this.interests.get(email)?.values() ?? [])].sort((a, b) => a.airportCode.localeCompare(b.airportCode)).map((i) => ({ ...i }));
  }

  async removeInterest(email: string, airportCode: string): Promise<boolean> {
    return this.interests.get(email)?.delete(airportCode) ?? false;
  }

  async removeUser(email: string): Promise<number> {
    const count = this.interests.get(email)?.size ?? 0;
    this.interests.delete(email);
    return count;
  }

  async userEmails(): Promise<string[]> {
    return [...this.interests.keys()].sort();
  }

  async monitoredAirports(): Promise<AirportState[]> {
    const codes = new Set<string>();
    for (const mine of this.interests.values()) for (const code of mine.keys()) codes.add(code);
    return [...codes].sort().map((code) => ({ code, lastUpdate: this.airports.get(code) ?? null }));
  }

  async interestedUsers(airportCode: string): Promise<InterestedUser[]> {
    const users: InterestedUser[] = [];
    for (const [email, mine] of this.interests) {
      const interest = mine.get(airportCode);
      if (interest) users.push({ email, interest: { ...interest } });
    }
    return users.sort((a, b) => a.email.localeCompare(b.email));
  }

  async airport(airportCode: string): Promise<AirportState | null> {
    return this.airports.has(airportCode) ? { code: airportCode, lastUpdate: this.airports.get(airportCode) ?? null } : null;
  }

  async ingest(flights: readonly Flight[]): Promise<number> {
    let created = 0;
    for (const f of flights) {
      const key = flightKey(f);
      if (!this.flights.has(key)) created++;
      this.flights.set(key, { ...f });
      for (const code of [f.estDepartureAirport, f.estArrivalAirport]) if (code && !this.airports.has(code)) this.airports.set(code, null);
    }
    return created;
  }

  async markCollected(airportCode: string, lastUpdate: number): Promise<void> {
    const current = this.airports.get(airportCode) ?? null;
    this.airports.set(airportCode, current === null ? lastUpdate : Math.max(current, lastUpdate));
  }

  async latestFlights(airportCode: string, direction: Direction, limit: number): Promise<Flight[]> {
    return this.inDirection(airportCode, direction)
      .sort((a, b) => instantFor(b, direction) - instantFor(a, direction) || a.icao24.localeCompare(b.icao24))
      .slice(0, limit)
      .map((f) => ({ ...f }));
  }

  async countFlights(airportCode: string, direction: Direction, from: number, to: number): Promise<number> {
    return this.inWindow(airportCode, direction, from, to).length;
  }

  async busiestHours(airportCode: string, direction: Direction, from: number, to: number): Promise<HourCount[]> {
    const counts = new Map<number, number>();
    for (const f of this.inWindow(airportCode, direction, from, to)) {
      const hour = Math.floor((instantFor(f, direction) % 86_400) / 3600);
      counts.set(hour, (counts.get(hour) ?? 0) + 1);
    }
    return [...counts].map(([hour, flights]) => ({ hour, flights })).sort((a, b) => b.flights - a.flights || a.hour - b.hour);
  }

  async topRoutes(airportCode: string, from: number, to: number, limit: number): Promise<RouteCount[]> {
    const seen = new Set<string>();
    const counts = new Map<string, RouteCount>();
    for (const direction of ['departure', 'arrival'] as const) {
      for (const f of this.inWindow(airportCode, direction, from, to)) {
        if (seen.has(flightKey(f)) || !f.estDepartureAirport || !f.estArrivalAirport) continue;
        seen.add(flightKey(f));
        const key = `${f.estDepartureAirport}>${f.estArrivalAirport}`;
        const route = counts.get(key) ?? { departure: f.estDepartureAirport, arrival: f.estArrivalAirport, flights: 0 };
        route.flights++;
        counts.set(key, route);
      }
    }
    return [...counts.values()]
      .sort((a, b) => b.flights - a.flights || a.departure.localeCompare(b.departure) || a.arrival.localeCompare(b.arrival))
      .slice(0, limit);
  }

  private inDirection(airportCode: string, direction: Direction): Flight[] {
    const field = direction === 'arrival' ? 'estArrivalAirport' : 'estDepartureAirport';
    return [...this.flights.values()].filter((f) => f[field] === airportCode);
  }

  private inWindow(airportCode: string, direction: Direction, from: number, to: number): Flight[] {
    return this.inDirection(airportCode, direction).filter((f) => instantFor(f, direction) >= from && instantFor(f, direction) < to);
  }
}
