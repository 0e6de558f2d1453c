/**
 * trains over HTTP, end to end: memory adapters by default, real PostgreSQL + Redis with ADAPTERS=real.
 * Users register and log in through identity's routes; the user always comes from the access token.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { bootForTest, BootedForTest } from '../support/boot';

const PASSWORD = 'correct horse battery staple';
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** A date per run, so reruns on a real database never meet earlier tickets. */
const DATE = day(2 + Math.floor(Math.random() * 80));

describe('trains over HTTP', () => {
  let junction: BootedForTest;
  let http: ReturnType<typeof request>;
  let alice: string;
  let bob: string;

  const account = async (): Promise<string> => {
    const email = `trains.${randomBytes(5).toString('hex')}@example.com`;
    const ip = `2001:db8::${randomBytes(2).toString('hex')}`;
    const reg = await http.post('/users').set('x-request-id', randomUUID()).set('x-forwarded-for', ip).send({ email, password: PASSWORD, first_name: 'Test', last_name: 'Rider' });
    expect(reg.status).toBe(200);
    const login = await http.post('/auth/login').set('x-forwarded-for', ip).send({ email, password: PASSWORD });
    expect(login.status).toBe(200);
    return `Bearer ${login.body.access_token as string}`;
  };
  const trip = async (from = 'Dhaka', to = 'Khulna'): Promise<string> => {
    const res = await http.get(`/trains/search?from=${from}&to=${to}&date=${DATE}`);
    expect(res.status).toBe(200);
    return res.body[0].trip_id as string;
  };
  const buy = (auth: string, body: object, key: string | null = randomUUID()) => {
    const req = http.post('/trains/purchases').set('authorization', auth);
    if (key) req.set('idempotency-key', key);
    return req.send(body);
  };

  beforeAll(async () => {
    junction = await bootForTest({ MODULES: 'identity,trains', TRUSTED_PROXIES: '127.0.0.1,::1', TRAINS_MAX_HELD_SEATS_PER_USER: '6' });
    http = request(junction.httpUrl);
    [alice, bob] = await Promise.all([account(), account()]);
  });

  afterAll(async () => {
    await junction?.close();
  });

  it('lists stations, the original four among them', async () => {
    const res = await http.get('/trains/stations').expect(200);
    const byName = Object.fromEntries((res.body as Array<{ name: string; distance_index: number }>).map((s) => [s.name, s.distance_index]));
    expect(byName).toMatchObject({ Dhaka: 0, Khulna: 10, Rajshahi: 25, Ctg: 40 });
    expect(res.body.length).toBeGreaterThan(4);
  });

  it('searches trips with departure, duration, seats left and prices (Dhaka→Khulna shovan = 1000)', async () => {
    const res = await http.get(`/trains/search?from=dhaka&to=Khulna&date=${DATE}`).expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body[0]).toMatchObject({ from: 'Dhaka', to: 'Khulna', date: DATE, price_from: 1000, currency: 'BDT' });
    expect(res.body[0].seats_left).toBeGreaterThan(0);
    expect(res.body[0].departure_time).toMatch(/^\d\d:\d\d$/);
  });

  it.each([
    ['unknown station', `/trains/search?from=Atlantis&to=Khulna&date=${day(3)}`, 404, 'TRAINS.UNKNOWN_STATION'],
    ['same station', `/trains/search?from=Dhaka&to=Dhaka&date=${day(3)}`, 400, 'TRAINS.SAME_STATION'],
    ['past date', `/trains/search?from=Dhaka&to=Khulna&date=${day(-3)}`, 400, 'TRAINS.DATE_IN_PAST'],
    ['bad date', '/trains/search?from=Dhaka&to=Khulna&date=2026-02-30', 400, 'TRAINS.INVALID_DATE'],
    ['missing params', '/trains/search?from=Dhaka', 400, 'REQUEST.VALIDATION_FAILED'],
    ['unknown trip', `/trains/trips/nope_${day(3)}/layout`, 404, 'TRAINS.UNKNOWN_TRIP'],
  ])('bad input: %s → %s %s', async (_name, path, status, code) => {
    const res = await http.get(path);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('holds, shows live hold state, refuses others, and sells: hold → layout → purchase → my tickets → cancel', async () => {
    const id = await trip();
    const held = await http.post(`/trains/trips/${id}/holds`).set('authorization', alice).send({ seats: ['C-1', 'c-2'] });
    expect(held.status).toBe(201);
    expect(held.body.seats).toEqual(['C-1', 'C-2']);

    const mine = await http.get(`/trains/trips/${id}/layout`).set('authorization', alice).expect(200);
    const seat = (layout: request.Response, s: string) => layout.body.coaches.flatMap((c: { seats: unknown[] }) => c.seats).find((x: { seat: string }) => x.seat === s);
    expect(seat(mine, 'C-1')).toMatchObject({ status: 'held_by_you', price: 1000 });
    const theirs = await http.get(`/trains/trips/${id}/layout`).set('authorization', bob).expect(200);
    expect(seat(theirs, 'C-1').status).toBe('held');

    const stolen = await http.post(`/trains/trips/${id}/holds`).set('authorization', bob).send({ seats: ['C-2', 'C-3'] });
    expect(stolen.status).toBe(409);
    expect(stolen.body).toMatchObject({ code: 'TRAINS.SEAT_ALREADY_HELD', seats: ['C-2'] });
    expect((await http.delete(`/trains/trips/${id}/holds/C-1`).set('authorization', bob)).status).toBe(403);
    const bobBuys = await buy(bob, { trip_id: id, seats: ['C-1'], payment: { card_number: '4242424242424242' } });
    expect(bobBuys.status).toBe(409);
    expect(bobBuys.body.code).toBe('TRAINS.HOLD_MISSING');

    const declined = await buy(alice, { trip_id: id, seats: ['C-1', 'C-2'], payment: { card_number: '4000 0000 0000 0002' } });
    expect(declined.status).toBe(402);
    expect(declined.body.code).toBe('TRAINS.PAYMENT_DECLINED');
    expect((await http.get('/trains/tickets').set('authorization', alice).expect(200)).body).toEqual([]);
    expect(seat(await http.get(`/trains/trips/${id}/layout`).set('authorization', alice), 'C-1').status).toBe('held_by_you'); // holds are kept

    const key = randomUUID();
    const body = { trip_id: id, seats: ['C-1', 'C-2'], payment: { card_number: '4242 4242 4242 4242' } };
    const bought = await buy(alice, body, key);
    expect(bought.status).toBe(201);
    expect(bought.body.amount).toBe(2000);
    expect(bought.body.tickets.map((t: { seat: string }) => t.seat)).toEqual(['C-1', 'C-2']);
    const replay = await buy(alice, body, key);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.purchase_id).toBe(bought.body.purchase_id);
    expect((await buy(alice, { ...body, seats: ['C-1'] }, key)).status).toBe(422);

    expect(seat(await http.get(`/trains/trips/${id}/layout`), 'C-1').status).toBe('sold');
    const resold = await http.post(`/trains/trips/${id}/holds`).set('authorization', bob).send({ seats: ['C-1'] });
    expect(resold.status).toBe(409);
    expect(resold.body.code).toBe('TRAINS.SEAT_ALREADY_SOLD');

    const tickets = (await http.get('/trains/tickets').set('authorization', alice).expect(200)).body as Array<{ ticket_id: string; seat: string }>;
    expect(tickets.map((t) => t.seat).sort()).toEqual(['C-1', 'C-2']);
    expect((await http.get('/trains/tickets').set('authorization', bob).expect(200)).body).toEqual([]);
    expect((await http.delete(`/trains/tickets/${tickets[0].ticket_id}`).set('authorization', bob)).status).toBe(404);
    const cancelled = await http.delete(`/trains/tickets/${tickets[0].ticket_id}`).set('authorization', alice).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(seat(await http.get(`/trains/trips/${id}/layout`), tickets[0].seat).status).toBe('free');
  });

  it('releases a hold for its owner only; a released seat cannot be bought', async () => {
    const id = await trip('Dhaka', 'Ctg');
    await http.post(`/trains/trips/${id}/holds`).set('authorization', bob).send({ seats: ['A-1'] }).expect(201);
    expect((await http.delete(`/trains/trips/${id}/holds/A-1`).set('authorization', bob)).status).toBe(204);
    expect((await http.delete(`/trains/trips/${id}/holds/A-1`).set('authorization', bob)).status).toBe(404);
    const res = await buy(bob, { trip_id: id, seats: ['A-1'], payment: { card_number: '4242424242424242' } });
    expect(res.status).toBe(409);
  });

  it.each([
    ['no token', null, { seats: ['C-1'] }, 401],
    ['seat that does not exist', 'alice', { seats: ['Z-99'] }, 400],
    ['seat number out of range', 'alice', { seats: [99999] }, 400],
    ['500 seats in one hold', 'alice', { seats: Array.from({ length: 500 }, (_, i) => `C-${i + 1}`) }, 400],
    ['duplicate seats', 'alice', { seats: ['C-9', 'C-9'] }, 400],
    ['seats not an array', 'alice', { seats: 'C-1' }, 400],
    ['unknown field', 'alice', { seats: ['C-9'], user_id: 'someone' }, 400],
    ['non-object body', 'alice', [1, 2], 400],
    ['over the per-user cap (6)', 'alice', { seats: ['D-1', 'D-2', 'D-3', 'D-4', 'D-5', 'D-6', 'D-7'] }, 409],
  ])('bad hold: %s → %s', async (_name, who, body, status) => {
    const id = await trip('Dhaka', 'Rajshahi');
    const req = http.post(`/trains/trips/${id}/holds`);
    if (who) req.set('authorization', alice);
    const res = await req.send(body as object);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('caps seats held per user per trip (409 beyond it)', async () => {
    const id = await trip('Dhaka', 'Sylhet');
    await http.post(`/trains/trips/${id}/holds`).set('authorization', bob).send({ seats: ['B-1', 'B-2', 'B-3', 'B-4'] }).expect(201);
    const res = await http.post(`/trains/trips/${id}/holds`).set('authorization', bob).send({ seats: ['B-5', 'B-6', 'B-7'] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TRAINS.HOLD_LIMIT_REACHED');
  });

  it.each([
    ['no Idempotency-Key', null, { trip_id: 'x', seats: ['C-1'], payment: { card_number: '4242424242424242' } }, 400],
    ['bad card', 'k', { trip_id: '725_2030-01-01', seats: ['C-1'], payment: { card_number: 'abc' } }, 400],
    ['unknown trip', 'k', { trip_id: '999_2030-01-01', seats: ['C-1'], payment: { card_number: '4242424242424242' } }, 404],
    ['missing payment', 'k', { trip_id: '725_2030-01-01', seats: ['C-1'] }, 400],
  ])('bad purchase: %s → %s', async (_name, key, body, status) => {
    const res = await buy(alice, body, key === null ? null : randomUUID());
    expect(res.status).toBe(status);
  });

  describe('seed 002 compatibility routes', () => {
    it('POST /api/price/stationnames → {message, price} with the original rule (Dhaka→Khulna 1000)', async () => {
      const res = await http.post('/api/price/stationnames').send({ from_station_name: 'Dhaka', to_station_name: 'Khulna' }).expect(200);
      expect(res.body).toEqual({ message: expect.any(String), price: 1000 });
      expect((await http.post('/api/price/stationnames').send({ from_station_name: 'Ctg', to_station_name: 'Rajshahi' })).body.price).toBe(1500);
      expect((await http.post('/api/price/stationnames').send({ from_station_name: 'Nowhere', to_station_name: 'Rajshahi' })).status).toBe(404);
    });

    it('POST /api/trains/get, book-seat (exactly once), booked-seats, cancel-seat, ticket/book', async () => {
      const trains = await http.post('/api/trains/get').send({ from_station_name: 'Khulna', to_station_name: 'Rajshahi', date: DATE }).expect(200);
      expect(trains.body).toMatchObject({ message: 'Train information retrieved successfully', trains: [expect.objectContaining({ train_id: '743', train_name: 'Brahmaputra Express', time: '06:00:00' })] });
      const t = trains.body.trains[0] as { train_id: string; time: string };
      const seatBody = { train_id: t.train_id, seat_number: 7, date: DATE, time: t.time };
      const ok = await http.post('/api/book-seat').set('authorization', alice).send(seatBody);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ message: 'Booking successful', success: true });
      for (const who of [alice, bob]) {
        const again = await http.post('/api/book-seat').set('authorization', who).send(seatBody);
        expect(again.status).toBe(400);
        expect(again.body).toMatchObject({ message: 'Booking unsuccessful: Seat already booked', success: false });
      }
      const booked = await http.get(`/api/booked-seats?train_id=${t.train_id}&date=${DATE}&time=${t.time}`).expect(200);
      expect(booked.body).toMatchObject({ bookedSeats: ['B7'], seats: ['B-7'], booked_seats: [7] });
      await http.post('/api/cancel-seat').set('authorization', alice).send(seatBody).expect(200);
      expect((await http.post('/api/cancel-seat').set('authorization', alice).send(seatBody)).body).toMatchObject({ message: 'Cancellation unsuccessful: Seat not booked', success: false });
      await http.post('/api/book-seat').set('authorization', bob).send(seatBody).expect(200);
      const ticket = await http.post('/api/ticket/book').set('authorization', bob).send({ train_id: t.train_id, seat_numbers: [7], date: DATE, time: t.time });
      expect(ticket.status).toBe(201);
      expect(ticket.body).toMatchObject({ message: 'Tickets booked successfully', tickets: [expect.objectContaining({ seat_number: '7', seat: 'B-7', status: 1, price: '2250.00' })] });
      expect((await http.post('/api/book-seat').set('authorization', alice).send(seatBody)).status).toBe(400);
      // No token: 400, not 401 (seed 002's load script accepts only 200/400); the token is still required.
      const anonymous = await http.post('/api/book-seat').send(seatBody);
      expect(anonymous.status).toBe(400);
      expect(anonymous.body).toMatchObject({ success: false, code: 'AUTH.TOKEN_MISSING' });
      // Any clock time names the same trip (one departure a day): the original frontend sends the current time.
      expect((await http.post('/api/book-seat').set('authorization', alice).send({ ...seatBody, seat_number: 'B8', time: '23:59' })).status).toBe(200);
      // Only the holder may cancel: someone else's hold is 403.
      const notMine = await http.post('/api/cancel-seat').set('authorization', bob).send({ ...seatBody, seat_number: 'B8' });
      expect([notMine.status, notMine.body.code, notMine.body.success]).toEqual([403, 'TRAINS.NOT_HOLD_OWNER', false]);
      expect((await http.post('/api/book-seat').set('authorization', alice).send({ ...seatBody, seat_number: 'B9', time: 'noon' })).status).toBe(400);
    });
  });

  it('serves the booking page publicly, and documents the routes in Swagger', async () => {
    const page = await http.get('/trains/app').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<label for="email">');
    await http.get('/trains/app/app.js').expect(200);
    await http.get('/trains/app/nope.txt').expect(404);
    const docs = (await http.get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/trains/search', '/trains/purchases', '/trains/trips/{tripId}/holds', '/api/book-seat']));
    expect(Object.keys(docs.paths['/trains/purchases'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '402', '409']));
  });
});
