import neo4j, { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';

/** Fails boot: names the module, the server (host:port) and the statement at fault. */
export class Neo4jSchemaError extends Error {
  constructor(module: string, target: string, detail: string, options?: { cause?: unknown }) {
    super(`Neo4j schema setup of module "${module}" failed (neo4j at ${target}): ${detail}`, options);
    this.name = 'Neo4jSchemaError';
  }
}

/** Only schema statements that Neo4j itself makes idempotent are accepted. */
const IDEMPOTENT_SCHEMA = /^\s*CREATE\s+(CONSTRAINT|((RANGE|TEXT|POINT|FULLTEXT|LOOKUP|VECTOR)\s+)?INDEX)\b[\s\S]*\bIF\s+NOT\s+EXISTS\b/i;
/** Raised when a concurrent replica created the same rule between our IF NOT EXISTS check and our write. */
const ALREADY_EXISTS = ['Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists', 'Neo.ClientError.Schema.ConstraintAlreadyExists', 'Neo.ClientError.Schema.IndexAlreadyExists'];

/** Throws (naming the statement) unless every statement is a `CREATE CONSTRAINT|INDEX … IF NOT EXISTS`. */
export function assertIdempotentSchema(module: string, statements: readonly string[], target = '(not connected)'): void {
  for (const statement of statements) {
    if (!IDEMPOTENT_SCHEMA.test(statement)) {
      throw new Neo4jSchemaError(module, target, `statement is not an idempotent CREATE CONSTRAINT/INDEX … IF NOT EXISTS: ${JSON.stringify(statement.trim().slice(0, 200))}`);
    }
  }
}

/**
 * Creates a module's constraints and indexes at boot, one statement at a time (Neo4j runs schema changes
 * in their own transactions). Every statement must say IF NOT EXISTS, so re-running on every boot and on
 * every replica is harmless.
 */
export async function ensureConstraints(
  driver: Driver,
  module: string,
  statements: readonly string[],
  options: { target?: string; logger?: Pick<Logger, 'info'> } = {},
): Promise<void> {
  const target = options.target ?? '(unknown host)';
  assertIdempotentSchema(module, statements, target);
  for (const statement of statements) {
    try {
      await driver.executeQuery(statement, {}, { routing: neo4j.routing.WRITE });
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (ALREADY_EXISTS.includes(code)) continue;
      throw new Neo4jSchemaError(module, target, `${JSON.stringify(statement.trim().slice(0, 200))} failed: ${(error as Error).message}${code ? ` [${code}]` : ''}`, { cause: error });
    }
  }
  options.logger?.info({ module, statements: statements.length }, 'neo4j constraints ensured');
}
