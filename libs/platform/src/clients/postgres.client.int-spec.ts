import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithInfra } from '@libs/testing';
import { MigrationError, MigrationReport, runMigrations } from './migration-runner';
import { PostgresClient } from './postgres.client';

describeWithInfra(['postgres'], 'PostgresClient and the migration runner against a real PostgreSQL', (env) => {
  const run = randomUUID().replace(/-/g, '').slice(0, 12);
  const module = `it_${run}`;
  const schema = `it_${run}`;
  let dir: string;
  let pg: PostgresClient;

  beforeAll(async () => {
    pg = new PostgresClient({ url: env.DATABASE_URL, poolSize: 4 });
    dir = await mkdtemp(join(tmpdir(), 'junction-migrations-'));
    await writeFile(join(dir, '001_create_schema.sql'), `create schema ${schema};\ncreate table ${schema}.runs (id serial primary key, note text not null);\n-- Widens the race window: without the lock, other replicas would collide here.\nselect pg_sleep(0.2);`);
    // Data written by a migration proves it ran exactly once.
    await writeFile(join(dir, '002_seed.sql'), `insert into ${schema}.runs (note) values ('seeded');`);
    await writeFile(join(dir, '010_add_column.sql'), `alter table ${schema}.runs add column tag text;\nupdate ${schema}.runs set tag = 'v10';`);
  });

  afterAll(async () => {
    await pg.query(`drop schema if exists ${schema} cascade`);
    await pg.query('delete from public.junction_migrations where module = $1 or module = $2', [module, `${module}_bad`]);
    await pg.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers select 1 as its health check', async () => {
    await expect(pg.healthCheck()).resolves.toBeUndefined();
    expect(pg.target).not.toContain('junction:junction');
  });

  it('commits a transaction, and rolls one back when the callback throws', async () => {
    const table = `public.it_tx_${run}`;
    await pg.query(`create table ${table} (n int)`);
    try {
      await pg.withTransaction(async (client) => {
        await client.query(`insert into ${table} values (1)`);
      });
      await expect(
        pg.withTransaction(async (client) => {
          await client.query(`insert into ${table} values (2)`);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const { rows } = await pg.query<{ n: number }>(`select n from ${table} order by n`);
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await pg.query(`drop table ${table}`);
    }
  });

  it('applies the files exactly once when five processes migrate concurrently', async () => {
    // Five pools stand for five replicas booting at the same moment.
    const replicas = Array.from({ length: 5 }, () => new PostgresClient({ url: env.DATABASE_URL, poolSize: 2 }));
    let reports: MigrationReport[];
    try {
      reports = await Promise.all(replicas.map((r) => runMigrations(r.pool, { module, directory: dir })));
    } finally {
      await Promise.all(replicas.map((r) => r.dispose()));
    }
    const applied = reports.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(['001_create_schema.sql', '002_seed.sql', '010_add_column.sql']);
    // One replica did the work; the others found it done (or a later part of it).
    expect(reports.every((r) => r.applied.length + r.upToDate === 3)).toBe(true);

    const recorded = await pg.query<{ version: number; name: string; checksum: string }>('select version, name, checksum from public.junction_migrations where module = $1 order by version', [module]);
    expect(recorded.rows.map((r) => [r.version, r.name])).toEqual([[1, 'create_schema'], [2, 'seed'], [10, 'add_column']]);
    expect(recorded.rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    const data = await pg.query(`select note, tag from ${schema}.runs`);
    expect(data.rows).toEqual([{ note: 'seeded', tag: 'v10' }]);
  });

  it('is a no-op when re-run, and applies only a newly added file', async () => {
    await expect(runMigrations(pg.pool, { module, directory: dir })).resolves.toEqual({ module, applied: [], upToDate: 3 });
    await writeFile(join(dir, '011_more.sql'), `insert into ${schema}.runs (note, tag) values ('later', 'v11');`);
    await expect(runMigrations(pg.pool, { module, directory: dir })).resolves.toEqual({ module, applied: ['011_more.sql'], upToDate: 3 });
    await expect(pg.query(`select count(*)::int as n from ${schema}.runs`)).resolves.toMatchObject({ rows: [{ n: 2 }] });
  });

  it('refuses to boot when an applied file was edited, naming the file (and never the password)', async () => {
    await writeFile(join(dir, '002_seed.sql'), `insert into ${schema}.runs (note) values ('edited');`);
    const error = await runMigrations(pg.pool, { module, directory: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(new RegExp(`module "${module}" failed \\(postgres at 127\\.0\\.0\\.1:\\d+/junction\\): 002_seed\\.sql was modified after it was applied`));
    expect((error as Error).message).not.toContain(`:${new URL(env.DATABASE_URL).password}@`);
    // The lock was released: the next (fixed) run proceeds.
    await writeFile(join(dir, '002_seed.sql'), `insert into ${schema}.runs (note) values ('seeded');`);
    await expect(runMigrations(pg.pool, { module, directory: dir })).resolves.toMatchObject({ applied: [] });
  });

  it('rolls back a failing file, records nothing for it, and names it', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'junction-migrations-'));
    try {
      await writeFile(join(bad, '001_ok.sql'), `create table ${schema}.ok_${run} (id int);`);
      await writeFile(join(bad, '002_broken.sql'), `create table ${schema}.half_${run} (id int);\nselect * from no_such_table_${run};`);
      await expect(runMigrations(pg.pool, { module: `${module}_bad`, directory: bad })).rejects.toThrow(/002_broken\.sql failed and was rolled back: relation .* does not exist \[42P01\]/);
      const recorded = await pg.query('select version from public.junction_migrations where module = $1', [`${module}_bad`]);
      expect(recorded.rows).toEqual([{ version: 1 }]);
      const half = await pg.query('select to_regclass($1) as t', [`${schema}.half_${run}`]);
      expect(half.rows).toEqual([{ t: null }]);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
