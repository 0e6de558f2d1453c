import type { Driver } from 'neo4j-driver';

/** Tests and benchmarks: deletes what one run created: its flights, airports, users and alerts. */
export async function purgeFlightsData(driver: Driver, created: { codes?: string[]; emails?: string[]; icao24s?: string[] }): Promise<void> {
  await driver.executeQuery(
    `OPTIONAL MATCH (f:Flight) WHERE f.icao24 IN $icao24s OR f.estDepartureAirport IN $codes OR f.estArrivalAirport IN $codes
     DETACH DELETE f`,
    { icao24s: created.icao24s ?? [], codes: created.codes ?? [] },
  );
  await driver.executeQuery('OPTIONAL MATCH (a:Airport) WHERE a.code IN $codes DETACH DELETE a', { codes: created.codes ?? [] });
  await driver.executeQuery('OPTIONAL MATCH (u:User) WHERE u.email IN $emails DETACH DELETE u', { emails: created.emails ?? [] });
  await driver.executeQuery('OPTIONAL MATCH (a:Alert) WHERE a.user_email IN $emails DELETE a', { emails: created.emails ?? [] });
}
