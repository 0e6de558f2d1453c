import { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { InfraClient } from './infra-client';
import { safeTarget, withTimeout } from './infra-client';

const CONNECT_TIMEOUT_MS = 5000;
const END_TIMEOUT_MS = 5000;

export interface PostgresClientOptions {
  url: string;
  poolSize: number;
  /** Errors of idle pooled connections (server restart, network cut); pg would crash the process without a listener. */
  onError?: (error: Error) => void;
}

/**
 * The process's PostgreSQL pool, and its DI token. Connections are opened on demand, so a database that is
 * down does not block boot: it shows up in readiness and in the errors of the calls that need it.
 */
export class PostgresClient implements InfraClient {
  readonly service = 'postgres' as const;
  readonly target: string;
  readonly pool: Pool;
  private disposed = false;

  constructor(options: PostgresClientOptions) {
    this.target = safeTarget(options.url);
    this.pool = new Pool({
      connectionString: options.url,
      max: options.poolSize,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: 'junction',
    });
    this.pool.on('error', (error) => options.onError?.(error));
  }

  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.pool.query<R>(text, values ? [...values] : undefined);
  }

  /**
   * Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws (the
   * error is rethrown). A connection whose ROLLBACK failed is destroyed rather than returned to the pool.
   */
  async withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async healthCheck(): Promise<void> {
    await this.pool.query('select 1');
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    // pool.end() waits for checked-out clients; a leaked one must not block shutdown forever.
    await withTimeout(this.pool.end(), END_TIMEOUT_MS, 'postgres pool did not close in time').catch(() => undefined);
  }
}
