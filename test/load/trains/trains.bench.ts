/**
 * trains benchmark: search req/s and p99, holds/s and p99, purchases/s and p99 (autocannon, HTTP), then the
 * 1,000-buyers / 100-seats race over HTTP. Prints one JSON document.
 *
 *   set -a; . .infra/env; set +a
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/load/trains/trains.bench.ts
 *
 * Env: ADAPTERS=real|memory (default real), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32).
 * The server is a separate process (src/main.ts --modules=identity,trains, LOG_LEVEL=warn) on the same machine as the
 * load generator, so both share the 2 cores — the figures are conservative. Every run books trips in a random year
 * between 2030 and 2089 (TRAINS_BOOKING_HORIZON_DAYS is raised for the run), so reruns practically never meet earlier
 * tickets.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Pool } from 'pg';
import { AppChild, inheritedEnv, startAppChild } from '../../support/app-child';
import { autocannon, AutocannonResult } from '../autocannon';


const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ADAPTERS = process.env.ADAPTERS ?? 'real';
const PASSWORD = 'correct horse battery staple';
const USERS = 97;
/** Schedules of 238-seat intercity trains, and their seats. */
const SCHEDULES = ['701', '702', '703', '704', '725', '726', '727', '753', '754', '709', '710', '813', '814'];
const SEATS = [
  ...Array.from({ length: 40 }, (_, i) => `A-${i + 1}`),
  ...Array.from({ length: 48 }, (_, i) => `B-${i + 1}`),
  ...Array.from({ length: 75 }, (_, i) => `C-${i + 1}`),
  ...Array.from({ length: 75 }, (_, i) => `D-${i + 1}`),
];

/** identity + trains as a child process (src/main.ts --modules=identity,trains), once ready. */
function startServer(): Promise<AppChild> {
  return startAppChild(
    ['--modules=identity,trains'],
    {
      ...inheritedEnv(),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADAPTERS,
      IDENTITY_JWT_SECRET: 'benchmark-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      IDENTITY_LOGIN_MAX_FAILURES_PER_IP: '1000000',
      IDENTITY_REGISTRATIONS_PER_IP: '1000000', // 97 accounts from 127.0.0.1
      TRAINS_MAX_HELD_SEATS_PER_USER: '1000', // ~200 holds per account in 10 s: throughput, not fairness, is measured
      TRAINS_BOOKING_HORIZON_DAYS: '36500',
      DATABASE_POOL_SIZE: '20',
    },
    { readyPath: '/health/ready' },
  );
}

async function tokens(url: string): Promise<string[]> {
  const out: string[] = [];
  const one = async (): Promise<void> => {
    const email = `bench.${randomUUID().slice(0, 12)}@example.com`;
    const reg = await fetch(`${url}/users`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() }, body: JSON.stringify({ email, password: PASSWORD, first_name: 'Bench', last_name: 'User' }) });
    if (reg.status !== 200) throw new Error(`register ${reg.status} ${await reg.text()}`);
    const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    out.push(`Bearer ${((await login.json()) as { access_token: string }).access_token}`);
  };
  for (let i = 0; i < USERS; i += 4) await Promise.all(Array.from({ length: Math.min(4, USERS - i) }, one));
  return out;
}

const summary = (r: AutocannonResult) => ({
  requests: r.requests.total,
  per_second: Math.round(r.requests.total / r.duration),
  p50_ms: r.latency.p50,
  p90_ms: r.latency.p90,
  p99_ms: r.latency.p99,
  max_ms: r.latency.max,
  non_2xx: r.non2xx,
  errors: r.errors + r.timeouts,
  '5xx': r['5xx'],
});

async function main(): Promise<void> {
  const { child, httpUrl: url } = await startServer();
  try {
    const users = await tokens(url);
    const year = 2030 + Math.floor(Math.random() * 60);
    const dateOf = (n: number) => new Date(Date.UTC(year, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    /** The i-th (trip, seat, user) of this run: every hold is a fresh seat. */
    const slot = (i: number) => {
      const tripIndex = Math.floor(i / SEATS.length);
      return { trip: `${SCHEDULES[tripIndex % SCHEDULES.length]}_${dateOf(Math.floor(tripIndex / SCHEDULES.length))}`, seat: SEATS[i % SEATS.length], user: users[i % USERS] };
    };

    await autocannon({ url, connections: 8, duration: 2, requests: [{ method: 'GET', path: `/trains/search?from=Dhaka&to=Khulna&date=${dateOf(0)}` }] }); // warm-up
    const search = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ setupRequest: (r) => ({ ...r, method: 'GET', path: `/trains/search?from=Dhaka&to=${['Khulna', 'Ctg', 'Rajshahi', 'Sylhet'][Math.floor(Math.random() * 4)]}&date=${dateOf(Math.floor(Math.random() * 300))}` }) }],
    });

    let holdCounter = 0;
    const holds = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (r) => {
            const s = slot(holdCounter++);
            return { ...r, method: 'POST', path: `/trains/trips/${s.trip}/holds`, headers: { 'content-type': 'application/json', authorization: s.user }, body: JSON.stringify({ seats: [s.seat] }) };
          },
        },
      ],
    });

    let buyCounter = 0;
    const purchases = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (r) => {
            const s = slot(buyCounter++);
            return {
              ...r,
              method: 'POST',
              path: '/trains/purchases',
              headers: { 'content-type': 'application/json', authorization: s.user, 'idempotency-key': randomUUID() },
              body: JSON.stringify({ trip_id: s.trip, seats: [s.seat], payment: { card_number: '4242424242424242' } }),
            };
          },
        },
      ],
    });

    // The race: 1,000 concurrent buyers (97 accounts), 10 per seat of the 100-seat trip 781 (Dhaka→Mymensingh).
    const raceTrip = `781_${dateOf(400)}`;
    const layout = (await (await fetch(`${url}/trains/trips/${raceTrip}/layout`)).json()) as { coaches: Array<{ seats: Array<{ seat: string }> }> };
    const raceSeats = layout.coaches.flatMap((c) => c.seats.map((s) => s.seat));
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, async (_, b) => {
        const auth = users[b % USERS];
        const seat = raceSeats[b % raceSeats.length];
        const hold = await fetch(`${url}/trains/trips/${raceTrip}/holds`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify({ seats: [seat] }) });
        if (hold.status !== 201) return hold.status;
        const buy = await fetch(`${url}/trains/purchases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth, 'idempotency-key': randomUUID() },
          body: JSON.stringify({ trip_id: raceTrip, seats: [seat], payment: { card_number: '4242424242424242' } }),
        });
        return buy.status;
      }),
    );
    const raceMs = Date.now() - started;
    const byStatus = outcomes.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    let duplicates: number | string = 'n/a (memory adapters)';
    let ticketsInDb: number | string = 'n/a';
    if (ADAPTERS === 'real') {
      const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
      const { rows } = await pool.query<{ seats: number; tickets: number }>(`select count(distinct seat)::int as seats, count(*)::int as tickets from trains.tickets where trip_id = $1 and status = 'active'`, [raceTrip]);
      duplicates = rows[0].tickets - rows[0].seats;
      ticketsInDb = rows[0].tickets;
      await pool.end();
    }

    process.stdout.write(
      `${JSON.stringify(
        {
          machine: { cores: cpus().length, memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version },
          adapters: ADAPTERS,
          seconds: SECONDS,
          connections: CONNECTIONS,
          search: summary(search),
          holds: summary(holds),
          purchases: summary(purchases),
          race: { buyers: 1000, seats: raceSeats.length, ms: raceMs, statuses: byStatus, tickets_in_db: ticketsInDb, duplicates },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
