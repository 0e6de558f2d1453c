/**
 * Seed 002 (train ticketing) clients against Junction, unchanged: the calls its React frontend (tick12_frontend:
 * services/auth.ts, services/api.ts, SeatSelection.tsx, App.tsx) and its k6 load script make, byte for byte — method,
 * path, headers and JSON body as axios / k6 send them — then the statuses and fields those clients read.
 * Memory adapters; one Junction process with identity and trains (MODULES=identity,trains).
 *
 * What the clients send (and where Junction must differ, docs/compatibility.md says why):
 * - auth: `POST /api/user/register` and `/api/user/login` (axios default JSON) → 201 `{user: {user_id, …}, webToken}`;
 *   the frontend stores `user` and `webToken` and books with `user.user_id` and `Authorization: Bearer <webToken>`.
 * - search: its axios instance sets `Content-Type: text/plain` and posts the JSON to `/api/trains/get`, then the
 *   station names to `/api/price/stationids`; it reads `trains[].train_id`, `train_name`, `price`.
 * - seat map: `POST /api/booked-seats` `{train_id, date, time}` (today's UTC date, the local clock) and reads
 *   `bookedSeats` (names like `A10`); on any error it shows mock seats. Selecting a seat posts `/api/book-seat`
 *   `{train_id, date, time, seat_number: "A10"}` WITHOUT a token; on an error it still selects the seat.
 * - booking: `POST /api/ticket/book` `{from_station_name, to_station_name, train_id, user_id, seat_numbers}` with the
 *   bearer token, no date; it only needs a 2xx.
 * - k6: `POST /api/book-seat` `{train_id, seat_number: "A10", date, time}` (JSON) and accepts only 200 or 400.
 */
import { randomBytes } from 'node:crypto';
import { bootForTest, BootedForTest } from '../support/boot';

const PASSWORD = 'correct horse battery staple';
/** The frontend's date and time: `new Date().toISOString().split('T')[0]` and `toTimeString().split(' ')[0].slice(0, 5)`. */
const today = (): string => new Date().toISOString().split('T')[0];
const clock = (): string => new Date().toTimeString().split(' ')[0].slice(0, 5);
const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
/** A travel date per use (2 to 81 days ahead), so reruns on a real database and Redis never meet earlier holds. */
const aDay = (): string => new Date(Date.now() + (2 + Math.floor(Math.random() * 80)) * 86_400_000).toISOString().slice(0, 10);
const phone = (): string => `017${String(10_000_000 + (randomBytes(4).readUInt32BE() % 89_999_999)).slice(0, 8)}`;

interface Answer {
  status: number;
  contentType: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the clients read untyped JSON
}

describe('seed 002 clients, unchanged, against Junction', () => {
  jest.setTimeout(120_000);
  let junction: BootedForTest;

  /** One HTTP call with exactly these headers and body bytes. */
  const call = async (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> => {
    const res = await fetch(`${junction.httpUrl}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  };
  /** axios.post(url, data): JSON with axios' default Accept. */
  const axiosPost = (path: string, data: object, headers: Record<string, string> = {}) =>
    call('POST', path, { accept: 'application/json, text/plain, */*', 'content-type': 'application/json', ...headers }, JSON.stringify(data));
  /** The frontend's `api` instance (services/api.ts): `Content-Type: text/plain`, the body still JSON.stringify'd by axios. */
  const apiPost = (path: string, data: object) => call('POST', path, { accept: 'application/json, text/plain, */*', 'content-type': 'text/plain' }, JSON.stringify(data));
  /** k6's http.post(url, JSON.stringify(payload), {headers: {'Content-Type': 'application/json'}}). */
  const k6Post = (path: string, payload: object, headers: Record<string, string> = {}) =>
    call('POST', path, { 'user-agent': 'k6/0.54.0 (https://k6.io/)', 'content-type': 'application/json', ...headers }, JSON.stringify(payload));

  /** RegisterForm → auth.register → localStorage user/token, as the frontend does. */
  const registerAndLogIn = async (name = 'Jon Snow'): Promise<{ user: { user_id: string }; webToken: string; phone_number: string }> => {
    const phone_number = phone();
    const reg = await axiosPost('/api/user/register', { name, phone_number, password: PASSWORD });
    expect(reg.status).toBe(201);
    const login = await axiosPost('/api/user/login', { phone_number, password: PASSWORD });
    expect(login.status).toBe(201);
    return { ...login.body, phone_number };
  };

  beforeAll(async () => {
    junction = await bootForTest({ MODULES: 'identity,trains' });
  });

  afterAll(async () => {
    await junction?.close();
  });

  describe('auth-service (RegisterForm, LoginForm, the ticket service’s validate call)', () => {
    it('registers: 201 with a top-level name, the user row (user_id, no password) and a webToken', async () => {
      const phone_number = phone();
      const res = await axiosPost('/api/user/register', { name: 'Jon Snow', phone_number, password: PASSWORD });
      expect(res.status).toBe(201);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        name: 'Jon Snow',
        user: { user_id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Jon Snow', phone_number, createdat: expect.any(String) },
        webToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/password|argon2/);

      const again = await axiosPost('/api/user/register', { name: 'Jon Snow', phone_number, password: PASSWORD });
      expect(again.status).toBe(409);
      expect(again.contentType).toMatch(/^application\/json/);
      expect(again.body).toEqual({ error: 'Phone number is already in use', code: 'IDENTITY.PHONE_TAKEN' });

      const missing = await axiosPost('/api/user/register', { name: 'Jon Snow', phone_number });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ error: 'All fields are required', code: 'IDENTITY.MISSING_FIELD' });
    });

    it('logs in: 201 {user: {user_id, …}, webToken}; the user row by id; 404 unknown phone, 401 wrong password', async () => {
      const { user, webToken, phone_number } = await registerAndLogIn('Arya Stark');
      expect(user).toEqual({ user_id: expect.any(String), name: 'Arya Stark', phone_number, createdat: expect.any(String) });

      const row = await call('GET', `/api/user/${user.user_id}`, { authorization: `Bearer ${webToken}` });
      expect(row.status).toBe(200);
      expect(row.body).toEqual(user);
      const validated = await call('GET', `/api/user/validate/${user.user_id}`, { authorization: `Bearer ${webToken}` });
      expect(validated.body).toEqual({ user });

      const unknown = await axiosPost('/api/user/login', { phone_number: phone(), password: PASSWORD });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ error: 'No such phone number found', code: 'IDENTITY.USER_NOT_FOUND' });
      const wrong = await axiosPost('/api/user/login', { phone_number, password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ error: 'Invalid credentials', code: 'IDENTITY.INVALID_CREDENTIALS' });
    });
  });

  describe('train and pricing services (TrainList → trainService.searchTrains)', () => {
    it('POST /api/trains/get as text/plain → {message, trains: [{train_id, train_name, time}]}', async () => {
      const res = await apiPost('/api/trains/get', { from_station_name: 'Dhaka', to_station_name: 'Khulna', date: today() });
      expect(res.status).toBe(200);
      expect(res.body.message).toBe('Train information retrieved successfully');
      expect(res.body.trains.map((t: { train_id: string }) => t.train_id)).toEqual(['725', '727']);
      expect(res.body.trains[0]).toMatchObject({ train_id: '725', train_name: 'Sundarban Express', time: '08:15:00', price: 1000 });
      // The frontend's station list spells Chittagong, Comilla, Jessore: they name Ctg, Cumilla, Jashore.
      const ctg = await apiPost('/api/trains/get', { from_station_name: 'Chittagong', to_station_name: 'Sylhet', date: today() });
      expect(ctg.body.trains).toEqual([expect.objectContaining({ train_id: '745', from_station_name: 'Ctg', to_station_name: 'Sylhet' })]);
      for (const name of ['Comilla', 'Jessore']) expect((await apiPost('/api/price/stationids', { from_station_name: 'Dhaka', to_station_name: name })).status).toBe(200);
    });

    it('POST /api/price/stationids (and /stationnames) as text/plain → {message: "Ticket price calculated successfully", price}', async () => {
      for (const path of ['/api/price/stationids', '/api/price/stationnames']) {
        const res = await apiPost(path, { from_station_name: 'Dhaka', to_station_name: 'Khulna' });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ message: 'Ticket price calculated successfully', price: 1000 });
      }
    });

    it('answers their errors as {error} in application/json, with the original texts', async () => {
      const unknown = await apiPost('/api/trains/get', { from_station_name: 'Dhaka', to_station_name: 'Atlantis', date: today() });
      expect(unknown.status).toBe(404);
      expect(unknown.contentType).toMatch(/^application\/json/);
      expect(unknown.body).toEqual({ error: 'Atlantis not found', code: 'TRAINS.UNKNOWN_STATION' });
      const missing = await apiPost('/api/trains/get', { from_station_name: 'Dhaka', to_station_name: 'Khulna' });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ error: 'from_station_name, to_station_name, and date are required', code: 'REQUEST.VALIDATION_FAILED' });
      const price = await apiPost('/api/price/stationids', { from_station_name: 'Dhaka', to_station_name: 'Atlantis' });
      expect(price.status).toBe(404);
      expect(price.body).toEqual({ error: 'One or both stations not found', code: 'TRAINS.UNKNOWN_STATION' });
      const notJson = await call('POST', '/api/trains/get', { 'content-type': 'text/plain' }, 'from=Dhaka');
      expect(notJson.status).toBe(400);
      expect(notJson.body).toMatchObject({ error: expect.stringContaining('not valid JSON'), code: 'REQUEST.MALFORMED_JSON' });
    });
  });

  describe('the booking flow of App.tsx and SeatSelection.tsx', () => {
    it('register → log in → search → seat map → select A10 → Book Tickets → 201 "Tickets booked successfully"', async () => {
      const { user, webToken } = await registerAndLogIn();
      const search = await apiPost('/api/trains/get', { from_station_name: 'Dhaka', to_station_name: 'Khulna', date: today() });
      const train = search.body.trains[0] as { train_id: string };

      // Seat map of an untouched trip: 404, as the original (the frontend then shows its mock seats).
      const empty = await axiosPost('/api/booked-seats', { train_id: train.train_id, date: today(), time: clock() });
      expect(empty.status).toBe(404);
      expect(empty.body).toMatchObject({ message: 'No seats booked for the given criteria', success: false });

      // Selecting A10: the frontend sends no token. 400 {message, success: false} (it then selects the seat anyway).
      const lock = await axiosPost('/api/book-seat', { train_id: train.train_id, date: today(), time: clock(), seat_number: 'A10' });
      expect(lock.status).toBe(400);
      expect(lock.body).toMatchObject({ success: false, code: 'AUTH.TOKEN_MISSING' });

      const booking = await axiosPost(
        '/api/ticket/book',
        { from_station_name: 'Dhaka', to_station_name: 'Khulna', train_id: train.train_id, user_id: user.user_id, seat_numbers: ['A10'] },
        { authorization: `Bearer ${webToken}` },
      );
      expect(booking.status).toBe(201);
      expect(booking.body.message).toBe('Tickets booked successfully');
      // No date: the next departure (today's trip until 08:15 UTC, else tomorrow's).
      const expected = new Date().toISOString().slice(11, 16) < '08:15' ? today() : tomorrow();
      expect(booking.body.tickets).toEqual([
        expect.objectContaining({ ticket_id: expect.any(String), user_id: user.user_id, train_id: '725', seat_number: 'A10', seat: 'A-10', price: '2000.00', status: 1, date: expected }),
      ]);

      // The seat map now shows A10 as booked, in the frontend's own naming.
      const seats = await call('GET', `/api/booked-seats?train_id=725&date=${expected}&time=${clock()}`, {});
      expect(seats.status).toBe(200);
      expect(seats.body.bookedSeats).toEqual(['A10']);
      // And Junction's own route lists the same ticket for the same token.
      const mine = await call('GET', '/trains/tickets', { authorization: `Bearer ${webToken}` });
      expect(mine.body).toEqual([expect.objectContaining({ seat: 'A-10', trip_id: `725_${expected}`, status: 'active' })]);
      // Cancelled on Junction's route, so a rerun on a real database (ADAPTERS=real) finds the seat free again.
      expect((await call('DELETE', `/trains/tickets/${booking.body.tickets[0].ticket_id as string}`, { authorization: `Bearer ${webToken}` })).body.status).toBe('cancelled');
    });

    it('with a token, book-seat locks today’s seat and ticket/book (no date) buys exactly that seat on today’s trip', async () => {
      const { user, webToken } = await registerAndLogIn('Sansa Stark');
      const auth = { authorization: `Bearer ${webToken}` };
      const lock = await axiosPost('/api/book-seat', { train_id: '727', date: today(), time: clock(), seat_number: 'B12' }, auth);
      expect(lock.status).toBe(200);
      expect(lock.body).toEqual({ message: 'Booking successful', success: true });
      const seats = await axiosPost('/api/booked-seats', { train_id: '727', date: today(), time: clock() });
      expect(seats.body.bookedSeats).toEqual(['B12']);
      const booking = await axiosPost('/api/ticket/book', { from_station_name: 'Dhaka', to_station_name: 'Khulna', train_id: '727', user_id: user.user_id, seat_numbers: ['B12'] }, auth);
      expect(booking.status).toBe(201);
      expect(booking.body.tickets).toEqual([expect.objectContaining({ seat_number: 'B12', seat: 'B-12', date: today(), price: '1500.00' })]);
      expect((await call('DELETE', `/trains/tickets/${booking.body.tickets[0].ticket_id as string}`, auth)).body.status).toBe('cancelled');
      // Someone else's user_id in the body is refused: the user comes from the token.
      const other = await axiosPost('/api/ticket/book', { train_id: '727', user_id: 'someone-else', seat_numbers: ['B13'] }, auth);
      expect(other.status).toBe(403);
      expect(other.body).toEqual({ error: 'user_id is not the signed-in user', code: 'TRAINS.USER_MISMATCH' });
      // Without a token the ticket service answers 401 {error}, as the original's auth middleware did.
      const anonymous = await axiosPost('/api/ticket/book', { train_id: '727', seat_numbers: ['B13'] });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ error: expect.any(String), code: 'AUTH.TOKEN_MISSING' });
    });
  });

  describe('ticket/book without a date after the day’s departure (the server’s clock set to 23:00 UTC)', () => {
    // Only Date is faked (the app runs in this process); timers stay real so HTTP and the stores keep working.
    const REAL = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;
    afterEach(() => jest.useRealTimers());

    it('buys seats held on today’s trip on today’s trip, and other seats on tomorrow’s', async () => {
      const day = today();
      jest.useFakeTimers({ now: new Date(`${day}T23:00:00.000Z`), doNotFake: [...REAL] });
      const next = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const { user, webToken } = await registerAndLogIn('Bran Stark');
      const auth = { authorization: `Bearer ${webToken}` };
      // 727 left at 18:30. The frontend locks seats on today's date (with a token here), then books without a date.
      expect((await axiosPost('/api/book-seat', { train_id: '727', date: day, time: '23:00', seat_number: 'C20' }, auth)).status).toBe(200);
      const held = await axiosPost('/api/ticket/book', { from_station_name: 'Dhaka', to_station_name: 'Khulna', train_id: '727', user_id: user.user_id, seat_numbers: ['C20'] }, auth);
      expect(held.status).toBe(201);
      expect(held.body.tickets).toEqual([expect.objectContaining({ seat: 'C-20', date: day, trip_id: `727_${day}` })]);
      const free = await axiosPost('/api/ticket/book', { from_station_name: 'Dhaka', to_station_name: 'Khulna', train_id: '727', user_id: user.user_id, seat_numbers: ['C21'] }, auth);
      expect(free.status).toBe(201);
      expect(free.body.tickets).toEqual([expect.objectContaining({ seat: 'C-21', date: next, trip_id: `727_${next}` })]);
      for (const t of [held.body.tickets[0], free.body.tickets[0]]) await call('DELETE', `/trains/tickets/${t.ticket_id as string}`, auth);
    });
  });

  describe('CORS (the frontend is served from its own origin, as the original services allowed with origin *)', () => {
    it('answers preflights and calls of the seed 002 routes with CORS headers, and only those routes', async () => {
      const origin = 'http://localhost:5173';
      for (const path of ['/api/user/login', '/api/trains/get', '/api/price/stationids', '/api/booked-seats', '/api/book-seat', '/api/ticket/book']) {
        const res = await fetch(`${junction.httpUrl}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
        expect([path, res.status, res.headers.get('access-control-allow-origin')]).toEqual([path, 204, '*']);
        expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
        expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
      }
      const login = await fetch(`${junction.httpUrl}/api/user/login`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ phone_number: phone(), password: PASSWORD }) });
      expect([login.status, login.headers.get('access-control-allow-origin')]).toEqual([404, '*']);
      const own = await fetch(`${junction.httpUrl}/trains/purchases`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(own.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('the k6 script', () => {
    it('1,000 concurrent bookings of seat A10 → only 200/400, exactly one 200, no 5xx', async () => {
      // Ten racers, registered one after another (concurrent argon2 hashing beyond capacity is shed with 503).
      const users: Array<{ webToken: string }> = [];
      for (let i = 0; i < 10; i++) users.push(await registerAndLogIn(`Racer ${String.fromCharCode(65 + i)}`));
      const date = aDay();
      const payload = { train_id: '701', seat_number: 'A10', date, time: '07:00:00' };
      const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => k6Post('/api/book-seat', payload, { authorization: `Bearer ${users[i % users.length].webToken}` })));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s !== 200 && s !== 400)).toEqual([]);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status === 400)) expect(a.body).toMatchObject({ message: 'Booking unsuccessful: Seat already booked', success: false });
      const seats = await call('GET', `/api/booked-seats?train_id=701&date=${date}&time=07:00:00`, {});
      expect(seats.body.bookedSeats).toEqual(['A10']);
    });

    it('answers an unauthenticated booking 400 (not 401): the script’s check passes, and nobody gets the seat', async () => {
      const date = aDay();
      const answers = await Promise.all(Array.from({ length: 50 }, () => k6Post('/api/book-seat', { train_id: '701', seat_number: 'A10', date, time: '07:00:00' })));
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([400]));
      expect(answers[0].body).toEqual({ message: 'Booking unsuccessful: sign in first (Authorization: Bearer <webToken> from /api/user/login)', success: false, code: 'AUTH.TOKEN_MISSING' });
      const invalid = await k6Post('/api/book-seat', { train_id: '701', seat_number: 'A10', date, time: '07:00:00' }, { authorization: 'Bearer not.a.token' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.code).toBe('AUTH.TOKEN_INVALID');
      expect((await call('GET', `/api/booked-seats?train_id=701&date=${date}`, {})).status).toBe(404);
    });
  });
});
