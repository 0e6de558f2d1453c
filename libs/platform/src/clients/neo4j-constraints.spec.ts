import { Neo4jSchemaError, assertIdempotentSchema } from './neo4j-constraints';

describe('neo4j schema statements', () => {
  it('accepts CREATE CONSTRAINT / INDEX … IF NOT EXISTS', () => {
    expect(() =>
      assertIdempotentSchema('trains', [
        'CREATE CONSTRAINT station_id IF NOT EXISTS FOR (s:Station) REQUIRE s.id IS UNIQUE',
        '  create constraint line_id if not exists\n FOR (l:Line) REQUIRE l.id IS UNIQUE',
        'CREATE INDEX station_name IF NOT EXISTS FOR (s:Station) ON (s.name)',
        'CREATE TEXT INDEX station_text IF NOT EXISTS FOR (s:Station) ON (s.name)',
      ]),
    ).not.toThrow();
  });

  it.each([
    'CREATE CONSTRAINT station_id FOR (s:Station) REQUIRE s.id IS UNIQUE',
    'DROP CONSTRAINT station_id IF EXISTS',
    'MATCH (n) DETACH DELETE n',
  ])('rejects a statement that is not idempotent schema: %s', (statement) => {
    expect(() => assertIdempotentSchema('trains', [statement])).toThrow(Neo4jSchemaError);
    expect(() => assertIdempotentSchema('trains', [statement])).toThrow(/module "trains".*not an idempotent CREATE CONSTRAINT/);
  });
});
