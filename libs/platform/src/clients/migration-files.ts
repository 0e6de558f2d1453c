import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** One versioned SQL file of a module, e.g. `003_add_bag_tags.sql` → version 3, name `add_bag_tags`. */
export interface MigrationFile {
  version: number;
  name: string;
  fileName: string;
  sql: string;
  /** sha256 of the file's bytes: an applied file must never change. */
  checksum: string;
}

/** `NNN_name.sql`: at least three digits (so names sort like versions), then a snake/kebab-case name. */
const FILE_NAME = /^(\d{3,})_([a-z0-9][a-z0-9_-]*)\.sql$/;

export class MigrationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationFileError';
  }
}

/** Parses one file name; a `.sql` file that does not follow the convention is an error, not silently skipped. */
export function parseMigrationFileName(fileName: string): { version: number; name: string } {
  const match = FILE_NAME.exec(fileName);
  if (!match) {
    throw new MigrationFileError(
      `Migration file name ${JSON.stringify(fileName)} is malformed: expected NNN_name.sql (at least three digits, an underscore, then lowercase letters, digits, _ or -), e.g. 001_create_orders.sql`,
    );
  }
  const version = Number(match[1]);
  if (version < 1 || !Number.isSafeInteger(version)) {
    throw new MigrationFileError(`Migration file ${JSON.stringify(fileName)} has version ${match[1]}; versions start at 1`);
  }
  return { version, name: match[2] };
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/**
 * The migrations of one directory in version order. Only `*.sql` files are considered (a README next to them
 * is fine); a malformed name, an empty file or two files with the same version are errors naming the files.
 */
export function orderMigrations(files: ReadonlyArray<{ fileName: string; sql: string }>): MigrationFile[] {
  const parsed = files
    .filter((f) => f.fileName.toLowerCase().endsWith('.sql'))
    .map((f) => {
      const { version, name } = parseMigrationFileName(f.fileName);
      if (f.sql.trim() === '') throw new MigrationFileError(`Migration file ${f.fileName} is empty`);
      return { version, name, fileName: f.fileName, sql: f.sql, checksum: checksumOf(f.sql) };
    })
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i].version === parsed[i - 1].version) {
      throw new MigrationFileError(`Migration files ${parsed[i - 1].fileName} and ${parsed[i].fileName} share version ${parsed[i].version}`);
    }
  }
  return parsed;
}

export async function readMigrationDirectory(directory: string): Promise<MigrationFile[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw new MigrationFileError(`Cannot read migration directory ${directory}: ${(error as Error).message}`);
  }
  const files = await Promise.all(
    names.filter((n) => n.toLowerCase().endsWith('.sql')).map(async (fileName) => ({ fileName, sql: await readFile(join(directory, fileName), 'utf8') })),
  );
  return orderMigrations(files);
}
