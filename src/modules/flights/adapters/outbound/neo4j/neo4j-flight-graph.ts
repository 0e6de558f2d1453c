import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { Direction, Flight, Interest } from '../../../domain';
import { AirportState, FlightGraph, HourCount, InterestedUser, RouteCount } from '../../../ports';
import { num, runCypher } from './neo4j-tracing';

/** Idempotent schema of the flights graph, created at boot (ensureConstraints). */
export const FLIGHTS_SCHEMA: readonly string[] = [
  'CREATE CONSTRAINT flights_flight_key IF NOT EXISTS FOR (f:Flight) REQUIRE (f.icao24, f.firstSeen) IS UNIQUE',
  'CREATE CONSTRAINT flights_airport_code IF NOT EXISTS FOR (a:Airport) REQUIRE a.code IS UNIQUE',
  'CREATE CONSTRAINT flights_user_email IF NOT EXISTS FOR (u:User) REQUIRE u.email IS UNIQUE',
  'CREATE CONSTRAINT flights_alert_id IF NOT EXISTS FOR (a:Alert) REQUIRE a.id IS UNIQUE',
  // Statistics seek by (airport, instant): departures by firstSeen, arrivals by lastSeen.
  'CREATE INDEX flights_departures IF NOT EXISTS FOR (f:Flight) ON (f.estDepartureAirport, f.firstSeen)',
  'CREATE INDEX flights_arrivals IF NOT EXISTS FOR (f:Flight) ON (f.estArrivalAirport, f.lastSeen)',
  'CREATE INDEX flights_alert_user IF NOT EXISTS FOR (a:Alert) ON (a.user_email)',
];

/** Rows per UNWIND transaction when ingesting. */
const INGEST_BATCH = 5000;

/** Per direction: the Flight property naming the airport, and the one holding the instant. */
const DIRECTION_FIELDS: Record<Direction, { airport: string; instant: string }> = {
  departure: { airport: 'estDepartureAirport', instant: 'firstSeen' },
  arrival: { airport: 'estArrivalAirport', instant: 'lastSeen' },
};

const FLIGHT_FIELDS = 'f.icao24 AS icao24, f.callsign AS callsign, f.firstSeen AS firstSeen, f.lastSeen AS lastSeen, f.estDepartureAirport AS dep, f.estArrivalAirport AS arr';

interface FlightRow {
  icao24: string;
  callsign: string | null;
  firstSeen: unknown;
  lastSeen: unknown;
  dep: string | null;
  arr: string | null;
}

/** The flights graph in Neo4j 5: UNWIND batches, MERGE on constrained keys, every call in a manual span. */
export class Neo4jFlightGraph extends FlightGraph {
  constructor(private readonly driver: Driver) {
    super();
  }

  async saveInterests(email: string, interests: readonly Interest[]): Promise<void> {
    await runCypher(
      this.driver,
      'saveInterests',
      `MERGE (u:User {email: $email})
       WITH u UNWIND $rows AS r
       MERGE (a:Airport {code: r.code})
       MERGE (u)-[i:INTERESTED_IN]->(a)
       SET i.low_value = r.low, i.high_value = r.high`,
      { email, rows: interests.map((i) => ({ code: i.airportCode, low: i.lowValue ?? null, high: i.highValue ?? null })) },
      'write',
    );
  }

  async interestsOf(email: string): Promise<Interest[]> {
    const { records } = await runCypher<{ code: string; low: unknown; high: unknown }>(
      this.driver,
      'interestsOf',
      'MATCH (:User {email: $email})-[i:INTERESTED_IN]->(a:Airport) RETURN a.code AS code, i.low_value AS low, i.high_value AS high ORDER BY code',
      { email },
      'read',
    );
    return records.map((r) => interestOf(r.code, r.low, r.high));
  }

  async removeInterest(email: string, airportCode: string): Promise<boolean> {
    const { records } = await runCypher<{ removed: unknown }>(
      this.driver,
      'removeInterest',
      'OPTIONAL MATCH (:User {email: $email})-[i:INTERESTED_IN]->(:Airport {code: $code}) DELETE i RETURN count(i) AS removed',
      { email, code: airportCode },
      'write',
    );
    return (num(records[0]?.removed) ?? 0) > 0;
  }

  async removeUser(email: string): Promise<number> {
    const { records } = await runCypher<{ removed: unknown }>(
      this.driver,
      'removeUser',
      `OPTIONAL MATCH (u:User {email: $email})
       OPTIONAL MATCH (u)-[i:INTERESTED_IN]->()
       WITH u, count(i) AS removed
       DETACH DELETE u
       RETURN removed`,
      { email },
      'write',
    );
    return num(records[0]?.removed) ?? 0;
  }

  async userEmails(): Promise<string[]> {
    const { records } = await runCypher<{ email: string }>(this.driver, 'userEmails', 'MATCH (u:User) RETURN u.email AS email ORDER BY email', {}, 'read');
    return records.map((r) => r.email);
  }

  async monitoredAirports(): Promise<AirportState[]> {
    const { records } = await runCypher<{ code: string; lastUpdate: unknown }>(
      this.driver,
      'monitoredAirports',
      'MATCH (a:Airport) WHERE EXISTS { (:User)-[:INTERESTED_IN]->(a) } RETURN a.code AS code, a.last_update AS lastUpdate ORDER BY code',
      {},
      'read',
    );
    return records.map((r) => ({ code: r.code, lastUpdate: num(r.lastUpdate) }));
  }

  async interestedUsers(airportCode: string): Promise<InterestedUser[]> {
    const { records } = await runCypher<{ email: string; low: unknown; high: unknown }>(
      this.driver,
      'interestedUsers',
      'MATCH (u:User)-[i:INTERESTED_IN]->(:Airport {code: $code}) RETURN u.email AS email, i.low_value AS low, i.high_value AS high ORDER BY email',
      { code: airportCode },
      'read',
    );
    return records.map((r) => ({ email: r.email, interest: interestOf(airportCode, r.low, r.high) }));
  }

  async airport(airportCode: string): Promise<AirportState | null> {
    const { records } = await runCypher<{ lastUpdate: unknown }>(this.driver, 'airport', 'MATCH (a:Airport {code: $code}) RETURN a.last_update AS lastUpdate', { code: airportCode }, 'read');
    return records.length === 0 ? null : { code: airportCode, lastUpdate: num(records[0].lastUpdate) };
  }

  async ingest(flights: readonly Flight[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < flights.length; i += INGEST_BATCH) {
      const batch = randomUUID();
      const rows = flights.slice(i, i + INGEST_BATCH).map((f) => ({
        icao24: f.icao24,
        callsign: f.callsign,
        firstSeen: f.firstSeen,
        lastSeen: f.lastSeen,
        dep: f.estDepartureAirport,
        arr: f.estArrivalAirport,
      }));
      const { records } = await runCypher<{ created: unknown }>(
        this.driver,
        'ingest',
        // Airports are MERGEd once per batch, then picked from a small list; relationships are only created for
        // new flights (a re-ingested flight keeps its links), which keeps re-ingesting a window cheap.
        `UNWIND $codes AS code
         MERGE (a:Airport {code: code})
         WITH collect(a) AS airports
         UNWIND $rows AS r
         MERGE (f:Flight {icao24: r.icao24, firstSeen: toInteger(r.firstSeen)})
         ON CREATE SET f.batch = $batch
         SET f.lastSeen = toInteger(r.lastSeen), f.callsign = r.callsign, f.estDepartureAirport = r.dep, f.estArrivalAirport = r.arr
         WITH f, r, airports, f.batch = $batch AS isNew
         FOREACH (d IN CASE WHEN isNew AND r.dep IS NOT NULL THEN [x IN airports WHERE x.code = r.dep][0..1] ELSE [] END | CREATE (d)-[:DEPARTED]->(f))
         FOREACH (a IN CASE WHEN isNew AND r.arr IS NOT NULL THEN [x IN airports WHERE x.code = r.arr][0..1] ELSE [] END | CREATE (f)-[:ARRIVED]->(a))
         RETURN count(CASE WHEN isNew THEN 1 END) AS created`,
        { rows, batch, codes: [...new Set(rows.flatMap((r) => [r.dep, r.arr]).filter((c): c is string => c !== null))] },
        'write',
      );
      created += num(records[0]?.created) ?? 0;
    }
    return created;
  }

  async markCollected(airportCode: string, lastUpdate: number): Promise<void> {
    await runCypher(
      this.driver,
      'markCollected',
      `MERGE (a:Airport {code: $code})
       SET a.last_update = CASE WHEN a.last_update IS NULL OR a.last_update < toInteger($at) THEN toInteger($at) ELSE a.last_update END`,
      { code: airportCode, at: lastUpdate },
      'write',
    );
  }

  async latestFlights(airportCode: string, direction: Direction, limit: number): Promise<Flight[]> {
    const { airport, instant } = DIRECTION_FIELDS[direction];
    const { records } = await runCypher<FlightRow>(
      this.driver,
      'latestFlights',
      `MATCH (f:Flight) WHERE f.${airport} = $code AND f.${instant} IS NOT NULL
       RETURN ${FLIGHT_FIELDS} ORDER BY f.${instant} DESC LIMIT toInteger($limit)`,
      { code: airportCode, limit },
      'read',
    );
    return records.map(flightOf);
  }

  async countFlights(airportCode: string, direction: Direction, from: number, to: number): Promise<number> {
    const { airport, instant } = DIRECTION_FIELDS[direction];
    const { records } = await runCypher<{ flights: unknown }>(
      this.driver,
      'countFlights',
      `MATCH (f:Flight) WHERE f.${airport} = $code AND f.${instant} >= toInteger($from) AND f.${instant} < toInteger($to) RETURN count(f) AS flights`,
      { code: airportCode, from, to },
      'read',
    );
    return num(records[0]?.flights) ?? 0;
  }

  async busiestHours(airportCode: string, direction: Direction, from: number, to: number): Promise<HourCount[]> {
    const { airport, instant } = DIRECTION_FIELDS[direction];
    const { records } = await runCypher<{ hour: unknown; flights: unknown }>(
      this.driver,
      'busiestHours',
      `MATCH (f:Flight) WHERE f.${airport} = $code AND f.${instant} >= toInteger($from) AND f.${instant} < toInteger($to)
       WITH (f.${instant} % 86400) / 3600 AS hour, count(*) AS flights
       RETURN hour, flights ORDER BY flights DESC, hour`,
      { code: airportCode, from, to },
      'read',
    );
    return records.map((r) => ({ hour: num(r.hour) ?? 0, flights: num(r.flights) ?? 0 }));
  }

  async topRoutes(airportCode: string, from: number, to: number, limit: number): Promise<RouteCount[]> {
    const { records } = await runCypher<{ departure: string; arrival: string; flights: unknown }>(
      this.driver,
      'topRoutes',
      `CALL {
         MATCH (f:Flight) WHERE f.estDepartureAirport = $code AND f.firstSeen >= toInteger($from) AND f.firstSeen < toInteger($to) RETURN f
         UNION
         MATCH (f:Flight) WHERE f.estArrivalAirport = $code AND f.lastSeen >= toInteger($from) AND f.lastSeen < toInteger($to) RETURN f
       }
       WITH f WHERE f.estDepartureAirport IS NOT NULL AND f.estArrivalAirport IS NOT NULL
       WITH f.estDepartureAirport AS departure, f.estArrivalAirport AS arrival, count(*) AS flights
       RETURN departure, arrival, flights ORDER BY flights DESC, departure, arrival LIMIT toInteger($limit)`,
      { code: airportCode, from, to, limit },
      'read',
    );
    return records.map((r) => ({ departure: r.departure, arrival: r.arrival, flights: num(r.flights) ?? 0 }));
  }
}

function interestOf(code: string, low: unknown, high: unknown): Interest {
  const lowValue = num(low);
  const highValue = num(high);
  return { airportCode: code, ...(lowValue === null ? {} : { lowValue }), ...(highValue === null ? {} : { highValue }) };
}

function flightOf(r: FlightRow): Flight {
  return {
    icao24: r.icao24,
    callsign: r.callsign ?? null,
    firstSeen: num(r.firstSeen) ?? 0,
    lastSeen: num(r.lastSeen) ?? 0,
    estDepartureAirport: r.dep ?? null,
    estArrivalAirport: r.arr ?? null,
  };
}
