-- orders: the order API's tables, the saga's event log, outbox and inbox (schema "orders").
CREATE SCHEMA IF NOT EXISTS orders;

CREATE TABLE IF NOT EXISTS orders.methods (
  name             text    PRIMARY KEY,
  min_installment  integer NOT NULL CHECK (min_installment >= 1),
  max_installment  integer NOT NULL CHECK (max_installment >= min_installment)
);

INSERT INTO orders.methods (name, min_installment, max_installment) VALUES
  ('credit_card', 1, 12),
  ('debit_card', 1, 1),
  ('transfer', 1, 1),
  ('cash', 1, 1)
ON CONFLICT (name) DO NOTHING;

CREATE TABLE IF NOT EXISTS orders.orders (
  seq            bigserial   NOT NULL UNIQUE,
  id             uuid        PRIMARY KEY,
  user_id        text        NOT NULL,
  value_cents    bigint      NOT NULL CHECK (value_cents > 0),
  installment    integer     NOT NULL CHECK (installment >= 1),
  method         text        NOT NULL REFERENCES orders.methods (name),
  status         text        NOT NULL CHECK (status IN ('PROCESSING', 'APPROVED', 'CANCELED')),
  started        boolean     NOT NULL DEFAULT false,
  balance_check  text        NOT NULL DEFAULT 'pending' CHECK (balance_check IN ('pending', 'passed', 'failed')),
  user_check     text        NOT NULL DEFAULT 'pending' CHECK (user_check IN ('pending', 'passed', 'failed')),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_user ON orders.orders (user_id, seq);
CREATE INDEX IF NOT EXISTS orders_by_status ON orders.orders (status);

-- The saga's event log (the original kept it in MongoDB).
CREATE TABLE IF NOT EXISTS orders.order_events (
  seq       bigserial   PRIMARY KEY,
  order_id  uuid        NOT NULL REFERENCES orders.orders (id),
  event     text        NOT NULL,
  message   text        NOT NULL,
  status    text        NOT NULL,
  at        timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS order_events_by_order ON orders.order_events (order_id, seq);

-- Saga messages waiting to be published (original topics, keys and headers).
CREATE TABLE IF NOT EXISTS orders.saga_outbox (
  seq           bigserial   PRIMARY KEY,
  id            uuid        NOT NULL UNIQUE,
  topic         text        NOT NULL,
  message_key   text        NOT NULL,
  headers       jsonb       NOT NULL,
  value         text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  leased_until  timestamptz
);

-- Saga messages already processed, per consumer (exactly-once effects).
CREATE TABLE IF NOT EXISTS orders.inbox (
  consumer      text        NOT NULL,
  event_id      uuid        NOT NULL,
  processed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
