-- identity's transactional outbox (libs/messaging outboxTableSql('identity'); a unit test keeps the two identical).
-- identity.user-registered.v1 and identity.user-deleted.v1 are appended in the transaction that inserts or deletes
-- the user, and the OutboxRelay publishes them.
CREATE SCHEMA IF NOT EXISTS "identity";
CREATE TABLE IF NOT EXISTS "identity".outbox (
  seq           bigserial   PRIMARY KEY,
  id            uuid        NOT NULL UNIQUE,
  type          text        NOT NULL,
  event_key     text        NOT NULL,
  envelope      jsonb       NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  leased_until  timestamptz
);
