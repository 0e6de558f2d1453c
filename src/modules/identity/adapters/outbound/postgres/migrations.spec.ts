import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outboxTableSql } from '@libs/messaging';
import { readMigrationDirectory } from '@libs/platform';
import { IDENTITY_MIGRATIONS_DIRECTORY } from './postgres-user.repository';

const statements = (sql: string): string =>
  sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('identity migrations', () => {
  it('are well-formed, ordered files', async () => {
    const files = await readMigrationDirectory(IDENTITY_MIGRATIONS_DIRECTORY);
    expect(files.map((f) => f.fileName)).toEqual(['001_users.sql', '002_outbox.sql']);
  });

  it("create the outbox exactly as libs/messaging's outboxTableSql('identity')", () => {
    const sql = readFileSync(join(IDENTITY_MIGRATIONS_DIRECTORY, '002_outbox.sql'), 'utf8');
    expect(statements(sql)).toBe(statements(outboxTableSql('identity')));
  });
});
