import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { safeTarget } from './infra-client';
import { MigrationFile, readMigrationDirectory } from './migration-files';

export interface MigrationOptions {
  /** Owner of the migrations (a module name): versions are numbered per module. */
  module: string;
  /** Directory holding the module's `NNN_name.sql` files. */
  directory: string;
  logger?: Pick<Logger, 'info'>;
}

export interface MigrationReport {
  module: string;
  /** Files applied by this call, in order (empty when another process or an earlier boot applied them). */
  applied: string[];
  /** Files that were already recorded as applied (checksums verified). */
  upToDate: number;
}

/** Fails boot: names the module, the server (host:port/db, never the password) and the file at fault. */
export class MigrationError extends Error {
  constructor(module: string, target: string, detail: string, options?: { cause?: unknown }) {
    super(`PostgreSQL migrations of module "${module}" failed (postgres at ${target}): ${detail}`, options);
    this.name = 'MigrationError';
  }
}

const TABLE = 'public.junction_migrations';
/** Serialises creation of the bookkeeping table between modules migrating at the same time. */
const TABLE_LOCK_KEY = advisoryLockKey('junction_migrations table');
const MODULE_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

/**
 * Applies the module's pending SQL files in version order, each in its own transaction together with its
 * bookkeeping row, while holding a session-level advisory lock keyed by the module name: replicas booting at
 * the same moment queue on the lock, and the ones that get it second find nothing left to do. Re-running is
 * a no-op. A file whose bytes changed after it was applied is an error (fix forward with a new file).
 *
 * Statements that cannot run inside a transaction (CREATE INDEX CONCURRENTLY, …) are not supported.
 */
export async function runMigrations(pool: Pool, options: MigrationOptions): Promise<MigrationReport> {
  const target = poolTarget(pool);
  const fail = (detail: string, cause?: unknown): MigrationError => new MigrationError(options.module, target, detail, { cause });
  if (!MODULE_NAME.test(options.module)) throw fail(`module name ${JSON.stringify(options.module)} must match ${MODULE_NAME.source}`);

  let files: MigrationFile[];
  try {
    files = await readMigrationDirectory(options.directory);
  } catch (error) {
    throw fail((error as Error).message, error);
  }

  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw fail(`cannot connect: ${describe(error)}`, error);
  }
  // Any failure destroys the connection instead of returning it to the pool: that ends a half-done
  // transaction and frees the advisory lock even if the statements meant to do so could not run.
  let broken: Error | undefined;
  try {
    await ensureTable(client).catch((error: unknown) => {
      throw fail(`cannot create ${TABLE}: ${describe(error)}`, error);
    });
    await client.query('select pg_advisory_lock($1::bigint)', [advisoryLockKey(options.module)]).catch((error: unknown) => {
      throw fail(`cannot take the migration lock: ${describe(error)}`, error);
    });
    const report = await applyPending(client, files, options, fail);
    await client.query('select pg_advisory_unlock($1::bigint)', [advisoryLockKey(options.module)]).catch((error: Error) => {
      broken = error; // the work is done; dropping the connection frees the lock anyway
    });
    return report;
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function applyPending(
  client: PoolClient,
  files: readonly MigrationFile[],
  options: MigrationOptions,
  fail: (detail: string, cause?: unknown) => MigrationError,
): Promise<MigrationReport> {
  const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
    `select version, name, checksum from ${TABLE} where module = $1 order by version`,
    [options.module],
  );
  const applied = new Map(rows.map((r) => [r.version, r]));
  for (const file of files) {
    const row = applied.get(file.version);
    if (row && row.checksum !== file.checksum) {
      throw fail(`${file.fileName} was modified after it was applied (recorded checksum ${row.checksum.slice(0, 12)}…, file now ${file.checksum.slice(0, 12)}…); never edit an applied migration, add a new file instead`);
    }
  }

  const done: string[] = [];
  for (const file of files.filter((f) => !applied.has(f.version))) {
    try {
      await client.query('BEGIN');
      // No parameters: the simple query protocol runs every statement of the file.
      await client.query(file.sql);
      await client.query(`insert into ${TABLE} (module, version, name, checksum) values ($1, $2, $3, $4)`, [options.module, file.version, file.name, file.checksum]);
      await client.query('COMMIT');
    } catch (error) {
      throw fail(`${file.fileName} failed and was rolled back: ${describe(error)}`, error);
    }
    options.logger?.info({ module: options.module, migration: file.fileName }, 'migration applied');
    done.push(file.fileName);
  }
  return { module: options.module, applied: done, upToDate: files.length - done.length };
}

async function ensureTable(client: PoolClient): Promise<void> {
  // Concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog, so creators queue on a lock.
  await client.query('BEGIN');
  await client.query('select pg_advisory_xact_lock($1::bigint)', [TABLE_LOCK_KEY]);
  await client.query(`create table if not exists ${TABLE} (
    module text not null,
    version integer not null,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now(),
    primary key (module, version)
  )`);
  await client.query('COMMIT');
}

/** A stable signed 64-bit advisory lock key for a name (as text, since pg takes bigints as strings). */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(`junction:${name}`).digest().readBigInt64BE(0).toString();
}

function poolTarget(pool: Pool): string {
  const o = pool.options;
  if (o.connectionString) return safeTarget(o.connectionString);
  return `${o.host ?? 'localhost'}:${o.port ?? 5432}${o.database ? `/${o.database}` : ''}`;
}

function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; position?: string };
  const code = e.code ? ` [${e.code}]` : '';
  const position = e.position ? ` at character ${e.position}` : '';
  return `${e.message ?? String(error)}${code}${position}`;
}
