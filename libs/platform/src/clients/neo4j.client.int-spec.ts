import { randomUUID } from 'node:crypto';
import { describeWithInfra } from '@libs/testing';
import { Neo4jClient } from './neo4j.client';
import { Neo4jSchemaError } from './neo4j-constraints';

describeWithInfra(['neo4j'], 'Neo4jClient against a real Neo4j', (env) => {
  const run = randomUUID().replace(/-/g, '').slice(0, 12);
  const label = `ItStation${run}`;
  const constraint = `it_station_id_${run}`;
  const index = `it_station_name_${run}`;
  let neo4j: Neo4jClient;

  beforeAll(() => {
    neo4j = new Neo4jClient({ url: env.NEO4J_URL, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD });
  });

  afterAll(async () => {
    await neo4j.driver.executeQuery(`MATCH (n:${label}) DETACH DELETE n`);
    await neo4j.driver.executeQuery(`DROP CONSTRAINT ${constraint} IF EXISTS`);
    await neo4j.driver.executeQuery(`DROP INDEX ${index} IF EXISTS`);
    await neo4j.dispose();
  });

  it('verifies connectivity as its health check and speaks Bolt 5 to Neo4j 5.x', async () => {
    await expect(neo4j.healthCheck()).resolves.toBeUndefined();
    const info = await neo4j.driver.getServerInfo();
    expect(info.agent).toMatch(/^Neo4j\/5\./);
    expect(info.protocolVersion).toMatchObject({ major: 5 });
  });

  it('creates constraints idempotently (twice is fine) and they are enforced', async () => {
    const statements = [
      `CREATE CONSTRAINT ${constraint} IF NOT EXISTS FOR (s:${label}) REQUIRE s.id IS UNIQUE`,
      `CREATE INDEX ${index} IF NOT EXISTS FOR (s:${label}) ON (s.name)`,
    ];
    await neo4j.ensureConstraints('trains', statements);
    await neo4j.ensureConstraints('trains', statements);
    // Replicas booting together run it concurrently.
    await Promise.all([1, 2, 3].map(() => neo4j.ensureConstraints('trains', statements)));

    const { records } = await neo4j.driver.executeQuery('SHOW CONSTRAINTS YIELD name WHERE name = $name RETURN name', { name: constraint });
    expect(records.map((r) => r.get('name'))).toEqual([constraint]);

    await neo4j.driver.executeQuery(`CREATE (:${label} {id: 'S1'})`);
    await expect(neo4j.driver.executeQuery(`CREATE (:${label} {id: 'S1'})`)).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
  });

  it('round-trips a MERGE … RETURN with parameters', async () => {
    const { records } = await neo4j.driver.executeQuery(
      `MERGE (a:${label} {id: $from}) SET a.name = $fromName
       MERGE (b:${label} {id: $to}) SET b.name = $toName
       MERGE (a)-[r:LINK]->(b) SET r.minutes = $minutes
       RETURN a.name AS from, b.name AS to, r.minutes AS minutes`,
      { from: 'S2', fromName: 'Oslo S', to: 'S3', toName: 'Lillestrøm', minutes: 11 },
    );
    expect(records).toHaveLength(1);
    expect(records[0].get('from')).toBe('Oslo S');
    expect(records[0].get('to')).toBe('Lillestrøm');
    // Integers come back as neo4j Integer unless converted.
    expect(Number(records[0].get('minutes'))).toBe(11);
    const again = await neo4j.driver.executeQuery(`MERGE (a:${label} {id: $id}) RETURN count(*) AS n`, { id: 'S2' });
    expect(Number(again.records[0].get('n'))).toBe(1);
  });

  it('names the module, the host and the statement when a schema statement fails', async () => {
    const error = await neo4j
      .ensureConstraints('trains', [`CREATE CONSTRAINT ${constraint}_bad IF NOT EXISTS FOR (s:${label}) REQUIRE s.id IS NOT A THING`])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Neo4jSchemaError);
    expect((error as Error).message).toMatch(new RegExp(`module "trains" failed \\(neo4j at ${new URL(env.NEO4J_URL).host.replace(/\./g, '\\.')}\\): .*${constraint}_bad`));
    expect((error as Error).message).not.toContain(env.NEO4J_PASSWORD);
  });
});
