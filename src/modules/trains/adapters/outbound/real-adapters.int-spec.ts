/** The real adapters against the contract suites: PostgreSQL (catalogue, tickets) and Redis (holds, Lua). */
import { describeWithInfra } from '@libs/testing';
import { PostgresClient, RedisClient, runMigrations } from '@libs/platform';
import { catalogueRepositoryContract } from '../../ports/catalogue-repository.contract';
import { seatHoldStoreContract } from '../../ports/seat-hold-store.contract';
import { ticketRepositoryContract } from '../../ports/ticket-repository.contract';
import { PostgresCatalogueRepository, TRAINS_MIGRATIONS_DIRECTORY } from './postgres/postgres-catalogue-repository';
import { PostgresTicketRepository } from './postgres/postgres-ticket-repository';
import { RedisSeatHoldStore } from './redis/redis-seat-hold-store';

describeWithInfra(['postgres'], 'trains PostgreSQL adapters', (env) => {
  let pg: PostgresClient;
  const ready = async (): Promise<PostgresClient> => {
    if (!pg) {
      pg = new PostgresClient({ url: env.DATABASE_URL, poolSize: 12 });
      await runMigrations(pg.pool, { module: 'trains', directory: TRAINS_MIGRATIONS_DIRECTORY });
    }
    return pg;
  };
  afterAll(async () => pg?.dispose());
  catalogueRepositoryContract('postgres', async () => new PostgresCatalogueRepository((await ready()).pool));
  ticketRepositoryContract('postgres', async () => new PostgresTicketRepository((await ready()).pool));
});

describeWithInfra(['redis'], 'trains Redis adapters', (env) => {
  let redis: RedisClient;
  seatHoldStoreContract(
    'redis',
    async () => {
      redis = new RedisClient({ url: env.REDIS_URL });
      return { store: new RedisSeatHoldStore(redis, `trains-test-${process.pid}`), shortTtlMs: 250, elapse: (ms) => new Promise((r) => setTimeout(r, ms)) };
    },
    async () => redis?.dispose(),
  );
});
