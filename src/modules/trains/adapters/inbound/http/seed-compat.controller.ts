import { ArgumentsHost, Body, Catch, Controller, ExceptionFilter, Get, HttpCode, Inject, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trace } from '@opentelemetry/api';
import type { AuthenticatedUser, IdentityFacade } from '@libs/contracts';
import { Clock, DomainError, isDomainError } from '@libs/kernel';
import { AcceptsForms, ApiProblems, Authenticated, CurrentUser, LOGGER, PinoLogger, Public, parseJsonBody, resolveIdentityFacade, toProblem } from '@libs/platform';
import { CatalogueService, ResolvedTrip } from '../../../application/catalogue.service';
import { HoldSeatsCommand } from '../../../application/commands/hold-seats/hold-seats.command';
import { PurchaseOutcome, PurchaseTicketsCommand } from '../../../application/commands/purchase-tickets/purchase-tickets.command';
import { ReleaseHoldCommand } from '../../../application/commands/release-hold/release-hold.command';
import { GetLayoutQuery } from '../../../application/queries/get-layout/get-layout.query';
import { SearchTripsQuery } from '../../../application/queries/search-trips/search-trips.query';
import { Station, baseFare, isoDate, nextDeparture, originalSeatName, parseDate, seatIdOf, seatMap } from '../../../domain';
import { SEED_TICKET_EXAMPLE, SeedBookedSeatsDto, SeedPriceDto, SeedSeatDto, SeedTicketDto, SeedTripDto } from './dto';
import { P } from './problems';
import { ApiSeedErrors, SeedErrorShape, seedErrorBody } from './seed-error-docs';
import { BodyReader } from './validation';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i;
const TIME = /^\d{1,2}:\d{2}(:\d{2})?$/;
/** The cache service's routes answer `{message, success}`; the train, pricing and ticket services' answer `{error}`. */
const CACHE_ROUTES = new Set(['/api/book-seat', '/api/cancel-seat', '/api/booked-seats']);
const SIGN_IN = 'sign in first (Authorization: Bearer <webToken> from /api/user/login)';

/**
 * Seed 002's error bodies on its routes, as `application/json` (see seed-error-docs.ts), each plus Junction's `code`.
 * The cache routes keep the original's statuses for what its clients know: a taken seat is 400, a cancellation of a
 * seat not booked is 400, and so is a booking without a valid token (its load script accepts only 200/400; the
 * token is still required, see docs/compatibility.md). Other statuses are Junction's (404, 403, 503…).
 */
@Catch()
export class SeedCompatFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: PinoLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = request.url.split('?')[0];
    const problem = toProblem(error, path, trace.getActiveSpan()?.spanContext().traceId);
    if (problem.unexpected) this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
    const shape: SeedErrorShape = CACHE_ROUTES.has(path) ? 'cache' : 'error';
    // A declined payment is 402 Payment Required, as on Junction's routes (no error category maps to it).
    const declined = isDomainError(error) && error.code === 'TRAINS.PAYMENT_DECLINED';
    const { status, detail, code } = shape === 'cache' ? cacheAnswer(path, problem.body.status, problem.body.code, problem.body.detail) : { ...problem.body, status: declined ? 402 : problem.body.status };
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(seedErrorBody(shape, detail, code));
  }
}

function cacheAnswer(path: string, status: number, code: string, detail: string): { status: number; detail: string; code: string } {
  if (path === '/api/booked-seats') return { status, detail, code };
  const action = path === '/api/cancel-seat' ? 'Cancellation' : 'Booking';
  if (code === 'TRAINS.SEAT_ALREADY_HELD' || code === 'TRAINS.SEAT_ALREADY_SOLD') return { status: 400, detail: `${action} unsuccessful: Seat already booked`, code };
  if (code === 'TRAINS.HOLD_NOT_FOUND') return { status: 400, detail: `${action} unsuccessful: Seat not booked`, code };
  if (status === 401) return { status: 400, detail: `${action} unsuccessful: ${SIGN_IN}`, code };
  if (status === 409) return { status: 400, detail: `${action} unsuccessful: ${detail}`, code };
  return { status, detail: status < 500 ? `${action} unsuccessful: ${detail}` : detail, code };
}

const SEAT_TAKEN = { status: 400, code: 'TRAINS.SEAT_ALREADY_HELD', detail: 'Booking unsuccessful: Seat already booked' };
const SIGNED_OUT = { status: 400, code: 'AUTH.TOKEN_MISSING', detail: `Booking unsuccessful: ${SIGN_IN}`, summary: 'no token: 400, not 401 (the load script accepts only 200/400)' };
const BAD_TOKEN = { status: 400, code: 'AUTH.TOKEN_INVALID', detail: `Booking unsuccessful: ${SIGN_IN}`, summary: 'an invalid or expired token: 400, not 401' };
const NO_BOOKED_SEATS = { status: 404, code: 'TRAINS.NO_BOOKED_SEATS', detail: 'No seats booked for the given criteria' };
const stationNotFound = (name: string) => DomainError.notFound('TRAINS.UNKNOWN_STATION', `${name.slice(0, 80)} not found`);
const required = (message: string, fields: string[]) => DomainError.invalid('REQUEST.VALIDATION_FAILED', message, { fields });

/** A body as seed 002's frontend posts it: JSON, or the same JSON sent as `text/plain` (its axios instance's header). */
function jsonOf(body: unknown): unknown {
  return typeof body === 'string' ? parseJsonBody(body, 32) : body;
}

/** The original's presence check (`!value`): missing, null, '' and 0 are absent. */
function requireAll(body: unknown, fields: string[], message: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw required(message, fields);
  const record = body as Record<string, unknown>;
  const missing = fields.filter((f) => !record[f] || (Array.isArray(record[f]) && (record[f] as unknown[]).length === 0));
  if (missing.length > 0) throw required(message, missing);
  return record;
}

const TRAINS_EXAMPLE = {
  message: 'Train information retrieved successfully',
  trains: [
    { train_id: '725', train_name: 'Sundarban Express', time: '08:15:00', departure_time: '08:15', arrival_time: '16:15', from_station_name: 'Dhaka', to_station_name: 'Khulna', date: '2026-05-01', seats_left: 238, price: 1000, trip_id: '725_2026-05-01' },
  ],
};

@ApiTags('trains (seed 002 compatibility)')
@Controller('api')
@UseFilters(SeedCompatFilter)
export class SeedCompatController {
  private identity?: IdentityFacade | null;

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly search: SearchTripsQuery,
    private readonly layout: GetLayoutQuery,
    private readonly holdSeats: HoldSeatsCommand,
    private readonly releaseHold: ReleaseHoldCommand,
    private readonly purchaseTickets: PurchaseTicketsCommand,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
  ) {}

  @ApiSeedErrors('error')
  @Post('trains/get')
  @Public()
  @AcceptsForms()
  @HttpCode(200)
  @ApiOperation({
    summary: "Seed 002's train search (POST /api/trains/get)",
    description:
      "`{message, trains: [{train_id, train_name, time}]}` as the original, plus Junction's departure/arrival, seats left and price. `train_id` is the schedule id (one departure a day), which the seat and ticket routes take. The body may also come as `text/plain` holding the same JSON (the original frontend's axios instance sends that header).",
  })
  @ApiBody({ type: SeedTripDto })
  @ApiOkResponse({ schema: { example: TRAINS_EXAMPLE } })
  @ApiProblems(
    { status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: 'from_station_name, to_station_name, and date are required' },
    { status: 404, code: 'TRAINS.UNKNOWN_STATION', detail: 'Atlantis not found' },
    P.sameStation,
    P.dateInPast,
    P.invalidDate,
    P.dateTooFar,
    P.unavailable,
  )
  async trains(@Body() raw: unknown) {
    const body = requireAll(jsonOf(raw), ['from_station_name', 'to_station_name', 'date'], 'from_station_name, to_station_name, and date are required');
    const r = new BodyReader(body, ['from_station_name', 'to_station_name', 'date']);
    const input = { from: r.string('from_station_name', 100), to: r.string('to_station_name', 100), date: r.string('date', 40) };
    r.done();
    await Promise.all([this.stationNamed(input.from), this.stationNamed(input.to)]);
    const trips = await this.search.execute(input);
    return {
      message: trips.length > 0 ? 'Train information retrieved successfully' : 'No trains found for the selected route and date',
      trains: trips.map((t) => ({
        train_id: t.scheduleId,
        train_name: t.trainName,
        time: `${t.departureTime}:00`,
        departure_time: t.departureTime,
        arrival_time: t.arrivalTime,
        from_station_name: t.from,
        to_station_name: t.to,
        date: t.date,
        seats_left: t.seatsLeft,
        price: t.priceFrom,
        trip_id: t.tripId,
      })),
    };
  }

  @ApiSeedErrors('error')
  @Post(['price/stationnames', 'price/stationids'])
  @Public()
  @AcceptsForms()
  @HttpCode(200)
  @ApiOperation({
    summary: "Seed 002's base fare: |distance_index(from) − distance_index(to)| × 100",
    description: 'Both paths take station names (the original frontend posts names to `/api/price/stationids`); the body may also come as `text/plain` holding the same JSON.',
  })
  @ApiBody({ type: SeedPriceDto })
  @ApiOkResponse({ schema: { example: { message: 'Ticket price calculated successfully', price: 1000 } } })
  @ApiProblems({ status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: 'Both from_station_name and to_station_name are required' }, { status: 404, code: 'TRAINS.UNKNOWN_STATION', detail: 'One or both stations not found' }, P.unavailable)
  async price(@Body() raw: unknown) {
    const body = requireAll(jsonOf(raw), ['from_station_name', 'to_station_name'], 'Both from_station_name and to_station_name are required');
    const r = new BodyReader(body, ['from_station_name', 'to_station_name']);
    const from = r.string('from_station_name', 100);
    const to = r.string('to_station_name', 100);
    r.done();
    const [a, b] = await Promise.all([this.catalogue.station(from), this.catalogue.station(to)]).catch((error: unknown) => {
      throw isDomainError(error) && error.code === 'TRAINS.UNKNOWN_STATION' ? DomainError.notFound('TRAINS.UNKNOWN_STATION', 'One or both stations not found') : error;
    });
    return { message: 'Ticket price calculated successfully', price: baseFare(a, b) };
  }

  @ApiSeedErrors('cache')
  @Post('book-seat')
  @Public()
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary: "Seed 002's seat lock: holds one seat for you for the hold TTL",
    description:
      'Needs your webToken (`Authorization: Bearer`); without a valid one the answer is 400, not 401, because the original load script accepts only 200/400. A seat held by anyone (you included) or sold is 400 "Seat already booked", so of any number of concurrent bookings of one seat exactly one is 200.',
  })
  @ApiBody({ type: SeedSeatDto })
  @ApiOkResponse({ schema: { example: { message: 'Booking successful', success: true } } })
  @ApiProblems(SEAT_TAKEN, SIGNED_OUT, BAD_TOKEN, P.validation, P.invalidDate, P.dateInPast, P.unknownSeat, P.holdLimit, P.holdRenewalLimit, P.unknownTrip, P.unavailable)
  async bookSeat(@Body() body: unknown, @Req() request: FastifyRequest) {
    const user = await this.caller(request);
    const { trip, seat } = await this.seatOf(body);
    await this.holdSeats.execute({ tripId: trip.tripId, seats: [seat], userId: user.userId, exclusive: true });
    return { message: 'Booking successful', success: true };
  }

  @ApiSeedErrors('cache')
  @Post('cancel-seat')
  @Public()
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: "Seed 002's seat unlock: releases your hold of one seat (needs your webToken; 400 without one, like book-seat)" })
  @ApiBody({ type: SeedSeatDto })
  @ApiOkResponse({ schema: { example: { message: 'Cancellation successful', success: true } } })
  @ApiProblems(
    { status: 400, code: 'TRAINS.HOLD_NOT_FOUND', detail: 'Cancellation unsuccessful: Seat not booked' },
    { ...SIGNED_OUT, detail: `Cancellation unsuccessful: ${SIGN_IN}` },
    { ...BAD_TOKEN, detail: `Cancellation unsuccessful: ${SIGN_IN}` },
    { status: 403, code: 'TRAINS.NOT_HOLD_OWNER', detail: 'Cancellation unsuccessful: seat A-10 is held by someone else' },
    P.validation,
    P.invalidDate,
    P.unknownSeat,
    P.unknownTrip,
    P.unavailable,
  )
  async cancelSeat(@Body() body: unknown, @Req() request: FastifyRequest) {
    const user = await this.caller(request);
    const { trip, seat } = await this.seatOf(body);
    await this.releaseHold.execute({ tripId: trip.tripId, seat, userId: user.userId });
    return { message: 'Cancellation successful', success: true };
  }

  @ApiSeedErrors('cache')
  @Get('booked-seats')
  @Public()
  @ApiOperation({ summary: "Seats of a trip that are held or sold, in the original's naming (`A10`); 404 when there are none, as the original" })
  @ApiQuery({ name: 'train_id', example: '725', schema: { type: 'string', minLength: 1, maxLength: 40 } })
  @ApiQuery({ name: 'date', example: '2026-05-01', schema: { type: 'string', format: 'date' } })
  @ApiQuery({ name: 'time', required: false, example: '13:05', schema: { type: 'string', pattern: '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$', maxLength: 10 } })
  @ApiOkResponse({ schema: { example: { bookedSeats: ['A10', 'B12'], seats: ['A-10', 'B-12'], booked_seats: [10, 52] } } })
  @ApiProblems(NO_BOOKED_SEATS, P.validation, P.invalidDate, P.unknownTrip, P.unavailable)
  bookedSeats(@Query('train_id') trainId: unknown, @Query('date') date: unknown, @Query('time') time: unknown) {
    return this.bookedOf({ train_id: trainId, date, ...(time === undefined ? {} : { time }) });
  }

  @ApiSeedErrors('cache')
  @Post('booked-seats')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'The same as GET /api/booked-seats, with the criteria in a JSON body (the original frontend posts them)' })
  @ApiBody({ type: SeedBookedSeatsDto })
  @ApiOkResponse({ schema: { example: { bookedSeats: ['A10', 'B12'], seats: ['A-10', 'B-12'], booked_seats: [10, 52] } } })
  @ApiProblems(NO_BOOKED_SEATS, P.validation, P.invalidDate, P.unknownTrip, P.unavailable)
  bookedSeatsPosted(@Body() body: unknown) {
    return this.bookedOf(body);
  }

  @ApiSeedErrors('error')
  @Post('ticket/book')
  @Authenticated()
  @HttpCode(201)
  @ApiOperation({
    summary: "Seed 002's ticket purchase",
    description:
      "Buys `seat_numbers` on the trip of `train_id` for the signed-in user: seats you hold are bought, free ones are held for you and bought in the same call (all or nothing); a seat held by someone else or sold is 409 and nothing is bought. Without `date`: the schedule's next departure — today's trip (UTC) until its departure time on the UTC clock, else tomorrow's — except that seats you hold on today's trip are bought there. Idempotent per Idempotency-Key, or per (trip, seats) when none is sent. The price is Junction's fare (class and demand), as a decimal string like the original's.",
  })
  @ApiBody({ type: SeedTicketDto })
  @ApiCreatedResponse({ schema: { example: { message: 'Tickets booked successfully', tickets: [SEED_TICKET_EXAMPLE] } } })
  @ApiProblems(
    { status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: 'All fields are required, including seat numbers' },
    { status: 403, code: 'TRAINS.USER_MISMATCH', detail: 'user_id is not the signed-in user' },
    { status: 404, code: 'TRAINS.UNKNOWN_STATION', detail: 'Atlantis not found' },
    { ...P.seatHeld, detail: 'seats held or sold by someone else: A-10' },
    P.seatSold,
    P.holdRenewalLimit,
    P.invalidDate,
    P.dateInPast,
    P.unknownSeat,
    P.tooManySeats,
    P.duplicateSeats,
    P.holdLimit,
    P.invalidPayment,
    P.declined,
    P.keyReused,
    P.unknownTrip,
    P.unavailable,
  )
  async bookTicket(@Body() raw: unknown, @Req() request: FastifyRequest, @CurrentUser() user: AuthenticatedUser) {
    const body = requireAll(raw, ['train_id', 'seat_numbers'], 'All fields are required, including seat numbers');
    const r = new BodyReader(body, ['from_station_name', 'to_station_name', 'train_id', 'user_id', 'seat_numbers', 'date', 'time', 'card_number']);
    const from = r.optionalString('from_station_name', 100);
    const to = r.optionalString('to_station_name', 100);
    const claimed = r.raw('user_id');
    const requested = r.seats('seat_numbers');
    const card = r.optionalString('card_number', 40);
    const trainId = this.trainIdOf(r);
    const date = r.optionalString('date', 40);
    this.timeOf(r);
    r.done();
    if (claimed !== undefined && claimed !== null && String(claimed) !== user.userId) {
      throw new DomainError('TRAINS.USER_MISMATCH', 'forbidden', 'user_id is not the signed-in user', { details: { fields: ['user_id'] } });
    }
    await Promise.all([from, to].filter((s): s is string => s !== undefined).map((s) => this.stationNamed(s)));
    const given = request.headers['idempotency-key'];
    const buy = (trip: ResolvedTrip) => this.buy(trip, requested, user.userId, typeof given === 'string' ? given : undefined, card);

    let outcome: PurchaseOutcome;
    let trip: ResolvedTrip;
    if (date !== undefined) {
      trip = await this.catalogue.tripOf(trainId, parseDate(date));
      outcome = await buy(trip);
    } else {
      const now = this.clock.now();
      trip = await this.catalogue.tripOf(trainId, isoDate(now));
      const next = nextDeparture(now, trip.schedule.departureTime);
      // Gone today: seats the caller holds on today's trip are still bought there, anything else on tomorrow's.
      const held = next.departed ? await this.purchase(trip, requested, user.userId, typeof given === 'string' ? given : undefined, card).catch(missingHold) : undefined;
      if (held) outcome = held;
      else {
        if (next.departed) trip = await this.catalogue.tripOf(trainId, next.date);
        outcome = await buy(trip);
      }
    }
    const named = new Map(requested.map((s): [string, string] => [seatIdOf(trip.train, s), String(s)]));
    return {
      message: 'Tickets booked successfully',
      tickets: outcome.purchase.tickets.map((t) => ({
        ticket_id: t.ticketId,
        user_id: t.userId,
        train_id: t.scheduleId,
        seat_number: named.get(t.seat) ?? originalSeatName(t.seat),
        price: t.price.toFixed(2),
        status: t.status === 'active' ? 1 : 0,
        seat: t.seat,
        trip_id: t.tripId,
        date: t.date,
        purchase_id: t.purchaseId,
        created_at: t.createdAt.toISOString(),
      })),
    };
  }

  /** Seats you hold are bought; when some are not held, the free ones are held first (all or nothing), then bought. */
  private async buy(trip: ResolvedTrip, seats: Array<string | number>, userId: string, key: string | undefined, card: string | undefined): Promise<PurchaseOutcome> {
    const first = await this.purchase(trip, seats, userId, key, card).catch(missingHold);
    if (first) return first;
    await this.holdSeats.execute({ tripId: trip.tripId, seats, userId });
    return this.purchase(trip, seats, userId, key, card);
  }

  private purchase(trip: ResolvedTrip, seats: Array<string | number>, userId: string, given: string | undefined, card: string | undefined): Promise<PurchaseOutcome> {
    const ids = seats.map((s) => seatIdOf(trip.train, s));
    const key = given !== undefined && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : `seed:${trip.tripId}:${[...ids].sort().join(',')}`;
    return this.purchaseTickets.execute({ tripId: trip.tripId, seats, userId, idempotencyKey: key, cardNumber: card ?? '4242424242424242' });
  }

  private async bookedOf(raw: unknown) {
    const r = new BodyReader(raw, ['train_id', 'date', 'time']);
    const trainId = this.trainIdOf(r);
    const date = r.string('date', 40);
    this.timeOf(r);
    r.done();
    const trip = await this.catalogue.tripOf(trainId, parseDate(date));
    const layout = await this.layout.execute({ tripId: trip.tripId });
    const taken = layout.coaches.flatMap((c) => c.seats).filter((s) => s.status !== 'free');
    if (taken.length === 0) throw DomainError.notFound(NO_BOOKED_SEATS.code, NO_BOOKED_SEATS.detail);
    const byId = seatMap(trip.train).byId;
    return { bookedSeats: taken.map((s) => originalSeatName(s.seat)), seats: taken.map((s) => s.seat), booked_seats: taken.map((s) => byId.get(s.seat)!.ordinal) };
  }

  private async seatOf(body: unknown): Promise<{ trip: ResolvedTrip; seat: string | number }> {
    const r = new BodyReader(body, ['train_id', 'seat_number', 'date', 'time']);
    const seat = r.seat('seat_number');
    const trainId = this.trainIdOf(r);
    const date = r.string('date', 40);
    this.timeOf(r);
    r.done();
    return { trip: await this.catalogue.tripOf(trainId, parseDate(date)), seat };
  }

  private trainIdOf(r: BodyReader): string {
    const v = r.raw('train_id');
    return typeof v === 'number' && Number.isInteger(v) && v > 0 ? String(v) : r.string('train_id', 40);
  }

  /** `time` is read (HH:MM or HH:MM:SS) but does not pick the trip: a schedule runs once a day, so train_id + date do. */
  private timeOf(r: BodyReader): void {
    const time = r.optionalString('time', 10);
    if (time !== undefined && !TIME.test(time)) r.fail('time', 'time must be HH:MM or HH:MM:SS');
  }

  private async stationNamed(name: string): Promise<Station> {
    return this.catalogue.station(name).catch((error: unknown) => {
      throw isDomainError(error) && error.code === 'TRAINS.UNKNOWN_STATION' ? stationNotFound(name) : error;
    });
  }

  /** The caller of a cache route: a valid bearer token, else 400 (see SeedCompatFilter). */
  private async caller(request: FastifyRequest): Promise<AuthenticatedUser> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' && header.length < 4200 ? BEARER.exec(header) : null;
    if (!match) throw new DomainError('AUTH.TOKEN_MISSING', 'unauthorized', 'this route needs an access token: Authorization: Bearer <token>');
    if (this.identity === undefined) this.identity = resolveIdentityFacade(this.moduleRef);
    if (!this.identity) throw DomainError.unavailable('AUTH.NO_IDENTITY', 'no identity facade is bound in this process');
    const user = await this.identity.verifyAccessToken(match[1]);
    if (!user) throw new DomainError('AUTH.TOKEN_INVALID', 'unauthorized', 'the access token is invalid or expired');
    return user;
  }
}

/** A purchase refused only because the caller holds none or not all of the seats → undefined (hold them, then buy). */
function missingHold(error: unknown): undefined {
  if (isDomainError(error) && error.code === 'TRAINS.HOLD_MISSING') return undefined;
  throw error;
}
