import neo4j, { Driver } from 'neo4j-driver';
import { describeWithInfra } from '@libs/testing';
import { ensureConstraints } from '@libs/platform';
import { alertStoreContract } from '../../../ports/alert-store.contract';
import { T0, flightGraphContract, randomAirportCode } from '../../../ports/flight-graph.contract';
import { FLIGHTS_SCHEMA, Neo4jFlightGraph } from './neo4j-flight-graph';
import { Neo4jAlertStore } from './neo4j-alert-store';
import { purgeFlightsData } from './neo4j-purge';

describeWithInfra(['neo4j'], 'flights Neo4j adapters', (env) => {
  let driver: Driver;
  const connect = async (): Promise<Driver> => {
    if (!driver) {
      driver = neo4j.driver(env.NEO4J_URL, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD));
      await ensureConstraints(driver, 'flights', FLIGHTS_SCHEMA);
    }
    return driver;
  };
  afterAll(async () => {
    await driver?.close();
  });

  flightGraphContract('neo4j', async () => {
    const d = await connect();
    return { graph: new Neo4jFlightGraph(d), cleanup: (created) => purgeFlightsData(d, created) };
  });
  alertStoreContract('neo4j', async () => {
    const d = await connect();
    return { store: new Neo4jAlertStore(d), cleanup: (emails) => purgeFlightsData(d, { emails }) };
  });

  describe('the graph itself', () => {
    it('keeps one Flight node per (icao24, firstSeen), linked to both airports, even under concurrent ingests', async () => {
      const d = await connect();
      const graph = new Neo4jFlightGraph(d);
      const [a, b] = [randomAirportCode(), randomAirportCode()];
      const icao24 = `c${Math.random().toString(16).slice(2, 7)}`;
      const f = { icao24, callsign: 'X', firstSeen: T0, lastSeen: T0 + 3600, estDepartureAirport: a, estArrivalAirport: b };
      try {
        const created = await Promise.all([graph.ingest([f]), graph.ingest([f]), graph.ingest([f])]);
        expect(created.reduce((x, y) => x + y, 0)).toBe(1);
        const { records } = await d.executeQuery(
          'MATCH (f:Flight {icao24: $icao24}) OPTIONAL MATCH (d:Airport)-[:DEPARTED]->(f) OPTIONAL MATCH (f)-[:ARRIVED]->(x:Airport) RETURN count(DISTINCT f) AS n, collect(DISTINCT d.code) AS dep, collect(DISTINCT x.code) AS arr',
          { icao24 },
        );
        expect(records[0].toObject()).toEqual({ n: neo4j.int(1), dep: [a], arr: [b] });
      } finally {
        await purgeFlightsData(d, { codes: [a, b], icao24s: [icao24] });
      }
    });
  });
});
