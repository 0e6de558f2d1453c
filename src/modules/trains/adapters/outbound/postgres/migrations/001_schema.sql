-- trains: catalogue (stations, trains, coaches, daily schedules with stops) and sales (purchases, tickets).
create schema if not exists trains;

create table trains.stations (
  code text primary key,
  name text not null unique,
  distance_index integer not null check (distance_index >= 0)
);

create table trains.trains (
  id text primary key,
  name text not null
);

create table trains.coaches (
  train_id text not null references trains.trains (id) on delete cascade,
  code text not null,
  position integer not null,
  seat_class text not null check (seat_class in ('shovan', 'snigdha', 'AC')),
  seat_rows integer not null check (seat_rows between 1 and 100),
  seats_per_row integer not null check (seats_per_row between 1 and 10),
  primary key (train_id, code)
);

-- A schedule runs every day; a trip is a schedule on a date (trip id "<schedule>_<YYYY-MM-DD>").
create table trains.schedules (
  id text primary key check (id ~ '^[A-Za-z0-9-]{1,40}$'),
  train_id text not null references trains.trains (id),
  from_code text not null references trains.stations (code),
  to_code text not null references trains.stations (code),
  departure_time text not null check (departure_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  duration_minutes integer not null check (duration_minutes > 0),
  check (from_code <> to_code)
);

create table trains.schedule_stops (
  schedule_id text not null references trains.schedules (id) on delete cascade,
  station_code text not null references trains.stations (code),
  offset_minutes integer not null check (offset_minutes > 0),
  primary key (schedule_id, station_code)
);

-- One row per (user, Idempotency-Key): a retried purchase finds its first answer here.
create table trains.purchases (
  purchase_id uuid primary key,
  user_id text not null,
  idempotency_key text not null,
  fingerprint text not null,
  trip_id text not null,
  amount integer not null check (amount >= 0),
  payment_id text,
  created_at timestamptz not null default now(),
  constraint purchases_user_key unique (user_id, idempotency_key)
);

create table trains.tickets (
  ticket_id uuid primary key,
  purchase_id uuid not null references trains.purchases (purchase_id),
  user_id text not null,
  trip_id text not null,
  schedule_id text not null references trains.schedules (id),
  travel_date date not null,
  seat text not null,
  price integer not null check (price >= 0),
  status text not null check (status in ('active', 'cancelled')),
  created_at timestamptz not null default now(),
  cancelled_at timestamptz
);

-- The final guard against double booking: at most one active ticket per seat of a trip.
create unique index tickets_one_active_per_seat on trains.tickets (trip_id, seat) where status = 'active';
create index tickets_by_user on trains.tickets (user_id, created_at desc);
