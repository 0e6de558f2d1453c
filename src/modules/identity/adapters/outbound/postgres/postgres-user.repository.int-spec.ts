import { PostgresOutboxStore, outboxTableSql } from '@libs/messaging';
import { PostgresClient, runMigrations } from '@libs/platform';
import { describeWithInfra } from '@libs/testing';
import { userRepositoryContract } from '../../../ports/user-repository.contract';
import { IDENTITY_MIGRATIONS_DIRECTORY, PostgresUserRepository } from './postgres-user.repository';

// The outbox of this suite lives in its own schema, so a relay of a running identity process (which drains
// "identity".outbox) cannot take the rows the contract inspects; the transaction is the same one as the user insert.
const CONTRACT_OUTBOX_SCHEMA = 'identity_contract';

describeWithInfra(['postgres'], 'identity PostgreSQL adapters', (env) => {
  userRepositoryContract('postgres', async () => {
    const pg = new PostgresClient({ url: env.DATABASE_URL, poolSize: 25 });
    await runMigrations(pg.pool, { module: 'identity', directory: IDENTITY_MIGRATIONS_DIRECTORY });
    await pg.query(outboxTableSql(CONTRACT_OUTBOX_SCHEMA));
    const outbox = new PostgresOutboxStore(pg.pool, { schema: CONTRACT_OUTBOX_SCHEMA });
    return {
      repository: new PostgresUserRepository(pg, outbox),
      outboxFor: async (key) => (await pg.query<{ envelope: never }>(`SELECT envelope FROM "${CONTRACT_OUTBOX_SCHEMA}".outbox WHERE event_key = $1 ORDER BY seq`, [key])).rows.map((r) => r.envelope),
      close: () => pg.dispose(),
    };
  });

  it('migrations are idempotent (a second run applies nothing)', async () => {
    const pg = new PostgresClient({ url: env.DATABASE_URL, poolSize: 2 });
    try {
      const report = await runMigrations(pg.pool, { module: 'identity', directory: IDENTITY_MIGRATIONS_DIRECTORY });
      expect(report.applied).toEqual([]);
      expect(report.upToDate).toBe(2);
    } finally {
      await pg.dispose();
    }
  });
});
