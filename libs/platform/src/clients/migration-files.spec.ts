import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationFileError, checksumOf, orderMigrations, parseMigrationFileName, readMigrationDirectory } from './migration-files';

describe('migration files', () => {
  it('parses NNN_name.sql into version and name', () => {
    expect(parseMigrationFileName('001_create_orders.sql')).toEqual({ version: 1, name: 'create_orders' });
    expect(parseMigrationFileName('0420_add-bag-tags.sql')).toEqual({ version: 420, name: 'add-bag-tags' });
    expect(parseMigrationFileName('1000_x.sql')).toEqual({ version: 1000, name: 'x' });
  });

  it.each([
    ['1_short.sql', 'fewer than three digits'],
    ['001-create.sql', 'no underscore'],
    ['001_.sql', 'no name'],
    ['001_Create_Orders.sql', 'upper case'],
    ['001_create orders.sql', 'a space'],
    ['create_orders.sql', 'no version'],
    ['001_create.SQL.bak.sql', 'dots in the name'],
  ])('rejects %s (%s) with an error naming the file and the convention', (fileName) => {
    expect(() => parseMigrationFileName(fileName)).toThrow(MigrationFileError);
    expect(() => parseMigrationFileName(fileName)).toThrow(new RegExp(`${JSON.stringify(fileName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is malformed: expected NNN_name\\.sql`));
  });

  it('rejects version 0', () => {
    expect(() => parseMigrationFileName('000_init.sql')).toThrow(/versions start at 1/);
  });

  it('orders by numeric version, not by file name, and ignores non-SQL files', () => {
    const ordered = orderMigrations([
      { fileName: '010_ten.sql', sql: 'select 10;' },
      { fileName: 'README.md', sql: '# notes' },
      { fileName: '1000_thousand.sql', sql: 'select 1000;' },
      { fileName: '002_two.sql', sql: 'select 2;' },
      { fileName: '0100_hundred.sql', sql: 'select 100;' },
    ]);
    expect(ordered.map((m) => m.version)).toEqual([2, 10, 100, 1000]);
    expect(ordered.map((m) => m.fileName)).toEqual(['002_two.sql', '010_ten.sql', '0100_hundred.sql', '1000_thousand.sql']);
  });

  it('rejects two files with the same version, naming both', () => {
    expect(() => orderMigrations([
      { fileName: '001_a.sql', sql: 'select 1;' },
      { fileName: '0001_b.sql', sql: 'select 1;' },
    ])).toThrow(/001_a\.sql and 0001_b\.sql share version 1/);
  });

  it('rejects an empty file', () => {
    expect(() => orderMigrations([{ fileName: '001_a.sql', sql: '  \n' }])).toThrow(/001_a\.sql is empty/);
  });

  it('checksums the exact content: any byte change shows', () => {
    const a = checksumOf('create table t (id int);');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumOf('create table t (id int);')).toBe(a);
    expect(checksumOf('create table t (id int); ')).not.toBe(a);
    expect(orderMigrations([{ fileName: '001_a.sql', sql: 'create table t (id int);' }])[0].checksum).toBe(a);
  });

  it('reads a directory, and names a directory it cannot read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'junction-migrations-'));
    try {
      await writeFile(join(dir, '002_second.sql'), 'select 2;');
      await writeFile(join(dir, '001_first.sql'), 'select 1;');
      await writeFile(join(dir, 'notes.txt'), 'ignored');
      const files = await readMigrationDirectory(dir);
      expect(files.map((f) => [f.version, f.name, f.sql])).toEqual([[1, 'first', 'select 1;'], [2, 'second', 'select 2;']]);
      await writeFile(join(dir, '3_bad.sql'), 'select 3;');
      await expect(readMigrationDirectory(dir)).rejects.toThrow(/"3_bad\.sql" is malformed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await expect(readMigrationDirectory(join(dir, 'gone'))).rejects.toThrow(/Cannot read migration directory .*gone/);
  });
});
