import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { MigrationError, advisoryLockKey, runMigrations } from './migration-runner';

describe('migration runner (no server)', () => {
  let dir: string;
  let pool: Pool;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'junction-migrations-'));
    await writeFile(join(dir, '001_init.sql'), 'select 1;');
    // Port 1 on loopback refuses connections at once: the boot error path without a server.
    pool = new Pool({ connectionString: 'postgres://junction:s3cret-pw@127.0.0.1:1/junction', connectionTimeoutMillis: 2000 });
  });

  afterAll(async () => {
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  it('derives a stable signed 64-bit lock key per module', () => {
    const key = advisoryLockKey('orders');
    expect(key).toBe(advisoryLockKey('orders'));
    expect(key).not.toBe(advisoryLockKey('flights'));
    const n = BigInt(key);
    expect(n >= -(2n ** 63n) && n < 2n ** 63n).toBe(true);
  });

  it('fails with an error naming the module and host, never the password, when the server is unreachable', async () => {
    const error = await runMigrations(pool, { module: 'orders', directory: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    const message = (error as Error).message;
    expect(message).toContain('module "orders"');
    expect(message).toContain('postgres at 127.0.0.1:1/junction');
    expect(message).toContain('cannot connect');
    expect(message).not.toContain('s3cret-pw');
  });

  it('checks the files before connecting: a malformed name fails boot with the file name', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'junction-migrations-'));
    try {
      await writeFile(join(bad, '01_init.sql'), 'select 1;');
      await expect(runMigrations(pool, { module: 'orders', directory: bad })).rejects.toThrow(/module "orders".*"01_init\.sql" is malformed/);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('rejects a module name that cannot be a lock/bookkeeping key', async () => {
    await expect(runMigrations(pool, { module: 'Orders Module', directory: dir })).rejects.toThrow(/module name "Orders Module" must match/);
  });
});
