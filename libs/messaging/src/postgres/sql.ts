import type { QueryResult, QueryResultRow } from 'pg';

/** Anything that runs a query: a `pg` Pool, or a PoolClient inside the caller's transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names go into SQL text (they cannot be parameters), so only plain identifiers are accepted. */
export function quoteSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name ${JSON.stringify(schema)}: use lowercase letters, digits and _`);
  return `"${schema}"`;
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
