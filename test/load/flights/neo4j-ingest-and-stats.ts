/**
 * flights benchmark: Neo4j ingest rate (UNWIND/MERGE batches) and statistics latency with ~100k flights of one
 * airport over a year (the spec's figures: ≥ 10,000 flights/s; p99 ≤ 50 ms). Needs Neo4j (npm run infra:up).
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/load/flights/neo4j-ingest-and-stats.ts [flights=100000] [iterations=300]
 *
 * Uses fresh random airport codes and deletes everything it created. Prints one JSON document.
 */
import neo4j from 'neo4j-driver';
import { randomBytes } from 'node:crypto';
import { availableParallelism, totalmem } from 'node:os';
import { ensureConstraints } from '@libs/platform';
import { infraEnv } from '@libs/testing';
import { FLIGHTS_SCHEMA, Neo4jFlightGraph } from '../../../src/modules/flights/adapters/outbound/neo4j/neo4j-flight-graph';
import { randomAirportCode } from '../../../src/modules/flights/ports/flight-graph.contract';

const TOTAL = Number(process.argv[2] ?? 100_000);
const ITERATIONS = Number(process.argv[3] ?? 300);
const D = 86_400;

async function main(): Promise<void> {
  const env = infraEnv();
  const driver = neo4j.driver(env.NEO4J_URL, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD));
  await ensureConstraints(driver, 'flights', FLIGHTS_SCHEMA);
  const graph = new Neo4jFlightGraph(driver);
  const home = randomAirportCode();
  const others = Array.from({ length: 40 }, () => randomAirportCode());
  const end = Math.floor(Date.now() / 1000);
  const start = end - 365 * D;
  const prefix = randomBytes(2).toString('hex');
  const flights = Array.from({ length: TOTAL }, (_, i) => {
    const firstSeen = start + Math.floor((i / TOTAL) * 365 * D);
    const other = others[i % others.length];
    const departing = i % 2 === 0;
    return {
      icao24: `${prefix}${i.toString(16).padStart(5, '0')}`,
      callsign: `BEN${i % 10_000}`,
      firstSeen,
      lastSeen: firstSeen + 3600 + (i % 7200),
      estDepartureAirport: departing ? home : other,
      estArrivalAirport: departing ? other : home,
    };
  });

  try {
    const t0 = performance.now();
    const created = await graph.ingest(flights);
    const ingestSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const recreated = await graph.ingest(flights.slice(0, 20_000));
    const reingestSeconds = (performance.now() - t1) / 1000;

    const measure = async (name: string, fn: () => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await fn(); // warm-up (query plans, page cache)
      const samples: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const s = performance.now();
        await fn();
        samples.push(performance.now() - s);
      }
      samples.sort((a, b) => a - b);
      const q = (p: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] * 100) / 100;
      return { name, p50_ms: q(0.5), p95_ms: q(0.95), p99_ms: q(0.99), max_ms: q(1) };
    };
    const stats = [
      await measure('average departures, 7 days (count)', () => graph.countFlights(home, 'departure', end - 7 * D, end)),
      await measure('average arrivals, 365 days (count)', () => graph.countFlights(home, 'arrival', end - 365 * D, end + D)),
      await measure('latest 10 arrivals', () => graph.latestFlights(home, 'arrival', 10)),
      await measure('busiest hours, departures, 7 days', () => graph.busiestHours(home, 'departure', end - 7 * D, end)),
      await measure('busiest hours, departures, 365 days', () => graph.busiestHours(home, 'departure', end - 365 * D, end)),
      await measure('top routes, 30 days', () => graph.topRoutes(home, end - 30 * D, end, 10)),
      await measure('top routes, 365 days', () => graph.topRoutes(home, end - 365 * D, end + D, 10)),
    ];
    process.stdout.write(
      `${JSON.stringify(
        {
          machine: { cores: availableParallelism(), memory_gib: Math.round(totalmem() / 2 ** 30) },
          flights: TOTAL,
          ingest: { created, seconds: Math.round(ingestSeconds * 100) / 100, flights_per_second: Math.round(TOTAL / ingestSeconds) },
          reingest_20k: { created: recreated, seconds: Math.round(reingestSeconds * 100) / 100, flights_per_second: Math.round(20_000 / reingestSeconds) },
          stats_iterations: ITERATIONS,
          stats,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    const session = driver.session();
    try {
      await session.run(
        `MATCH (f:Flight) WHERE f.estDepartureAirport = $home OR f.estArrivalAirport = $home
         CALL { WITH f DETACH DELETE f } IN TRANSACTIONS OF 10000 ROWS`,
        { home },
      );
      await session.run('MATCH (a:Airport) WHERE a.code IN $codes DETACH DELETE a', { codes: [home, ...others] });
    } finally {
      await session.close();
      await driver.close();
    }
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
