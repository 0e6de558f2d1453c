import { ArgumentsHost, Body, Catch, Controller, ExceptionFilter, Get, HttpCode, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '@libs/contracts';
import { isDomainError } from '@libs/kernel';
import { ApiProblems, Authenticated, CurrentUser, Public, toProblem } from '@libs/platform';
import { CatalogueService } from '../../../application/catalogue.service';
import { HoldSeatsCommand } from '../../../application/commands/hold-seats/hold-seats.command';
import { PurchaseTicketsCommand } from '../../../application/commands/purchase-tickets/purchase-tickets.command';
import { ReleaseHoldCommand } from '../../../application/commands/release-hold/release-hold.command';
import { GetLayoutQuery } from '../../../application/queries/get-layout/get-layout.query';
import { SearchTripsQuery } from '../../../application/queries/search-trips/search-trips.query';
import { TrainsErrors, baseFare, parseDate, seatMap } from '../../../domain';
import { SeedPriceDto, SeedSeatDto, SeedTicketDto, SeedTripDto, ticketView } from './dto';
import { P } from './problems';
import { ApiSeedErrors } from './seed-error-docs';
import { BodyReader } from './validation';

/**
 * Seed 002's answers are `{message, success}` bodies, and its clients treat a taken seat as 400. Errors here keep that
 * shape (plus Junction's `code`); a conflict is 400, other statuses are Junction's (401, 404, 503…).
 */
@Catch()
export class SeedCompatFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.url.split('?')[0]);
    const conflict = problem.body.status === 409;
    const seatTaken = isDomainError(error) && (error.code === 'TRAINS.SEAT_ALREADY_HELD' || error.code === 'TRAINS.SEAT_ALREADY_SOLD');
    const action = request.url.includes('cancel-seat') ? 'Cancellation' : 'Booking';
    const message = seatTaken ? `${action} unsuccessful: Seat already booked` : conflict || problem.body.status < 500 ? `${action} unsuccessful: ${problem.body.detail}` : problem.body.detail;
    void reply.status(conflict ? 400 : problem.body.status).send({ message, success: false, code: problem.body.code });
  }
}

const SEAT_TAKEN = { status: 400, code: 'TRAINS.SEAT_ALREADY_HELD', detail: 'Booking unsuccessful: Seat already booked' };

@ApiTags('trains (seed 002 compatibility)')
@Controller('api')
@UseFilters(SeedCompatFilter)
export class SeedCompatController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly search: SearchTripsQuery,
    private readonly layout: GetLayoutQuery,
    private readonly holdSeats: HoldSeatsCommand,
    private readonly releaseHold: ReleaseHoldCommand,
    private readonly purchaseTickets: PurchaseTicketsCommand,
  ) {}

  @ApiSeedErrors()
  @Post('trains/get')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "Seed 002's train search (POST /api/trains/get)" })
  @ApiBody({ type: SeedTripDto })
  @ApiOkResponse({ schema: { example: [{ train_id: '725', train_name: 'Sundarban Express', from_station_name: 'Dhaka', to_station_name: 'Khulna', date: '2026-05-01', time: '08:15', arrival_time: '16:15', seats_left: 238, price: 1000, trip_id: '725_2026-05-01' }] } })
  @ApiProblems({ status: 404, code: 'TRAINS.UNKNOWN_STATION', detail: 'unknown station "Atlantis"' }, { status: 400, code: 'TRAINS.DATE_IN_PAST', detail: 'date 2020-01-01 is in the past' }, P.validation, P.invalidDate, P.dateTooFar)
  async trains(@Body() body: unknown) {
    const r = new BodyReader(body, ['from_station_name', 'to_station_name', 'date']);
    const input = { from: r.string('from_station_name', 100), to: r.string('to_station_name', 100), date: r.string('date', 40) };
    r.done();
    return (await this.search.execute(input)).map((t) => ({
      train_id: t.scheduleId,
      train_name: t.trainName,
      from_station_name: t.from,
      to_station_name: t.to,
      date: t.date,
      time: t.departureTime,
      arrival_time: t.arrivalTime,
      seats_left: t.seatsLeft,
      price: t.priceFrom,
      trip_id: t.tripId,
    }));
  }

  @ApiSeedErrors()
  @Post('price/stationnames')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "Seed 002's base fare: |distance_index(from) − distance_index(to)| × 100" })
  @ApiBody({ type: SeedPriceDto })
  @ApiOkResponse({ schema: { example: { message: 'Price calculated successfully', price: 1000 } } })
  @ApiProblems({ status: 404, code: 'TRAINS.UNKNOWN_STATION', detail: 'unknown station "Atlantis"' }, P.validation)
  async price(@Body() body: unknown) {
    const r = new BodyReader(body, ['from_station_name', 'to_station_name']);
    const from = r.string('from_station_name', 100);
    const to = r.string('to_station_name', 100);
    r.done();
    const [a, b] = await Promise.all([this.catalogue.station(from), this.catalogue.station(to)]);
    return { message: 'Price calculated successfully', price: baseFare(a, b) };
  }

  @ApiSeedErrors()
  @Post('book-seat')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: "Seed 002's seat lock: holds one seat for you for the hold TTL; a seat held by anyone (you included) or sold is 400" })
  @ApiBody({ type: SeedSeatDto })
  @ApiOkResponse({ schema: { example: { message: 'Booking successful', success: true } } })
  @ApiProblems(SEAT_TAKEN, P.validation, P.invalidDate, P.unknownTrip, P.unknownSeat)
  async bookSeat(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    const { tripId, seat } = await this.seatOf(body);
    await this.holdSeats.execute({ tripId, seats: [seat], userId: user.userId, exclusive: true });
    return { message: 'Booking successful', success: true };
  }

  @ApiSeedErrors()
  @Post('cancel-seat')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: "Seed 002's seat unlock: releases your hold of one seat" })
  @ApiBody({ type: SeedSeatDto })
  @ApiOkResponse({ schema: { example: { message: 'Cancellation successful', success: true } } })
  @ApiProblems({ status: 404, code: 'TRAINS.HOLD_NOT_FOUND', detail: 'Cancellation unsuccessful: seat B-12 is not held' }, P.validation, P.invalidDate, P.unknownTrip, P.unknownSeat)
  async cancelSeat(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    const { tripId, seat } = await this.seatOf(body);
    await this.releaseHold.execute({ tripId, seat, userId: user.userId });
    return { message: 'Cancellation successful', success: true };
  }

  @ApiSeedErrors()
  @Get('booked-seats')
  @Public()
  @ApiOperation({ summary: 'Seats of a trip that are held or sold (seat numbers, 1-based, and seat ids)' })
  @ApiQuery({ name: 'train_id', example: '725' })
  @ApiQuery({ name: 'date', example: '2026-05-01' })
  @ApiQuery({ name: 'time', required: false, example: '08:15' })
  @ApiOkResponse({ schema: { example: { train_id: '725', date: '2026-05-01', booked_seats: [12, 13], seats: ['B-12', 'B-13'] } } })
  @ApiProblems(P.validation, P.invalidDate, P.unknownTrip)
  async bookedSeats(@Query('train_id') trainId: unknown, @Query('date') date: unknown, @Query('time') time: unknown) {
    const { tripId, train } = await this.tripOf(new BodyReader({ train_id: trainId, date, ...(time === undefined ? {} : { time }) }, ['train_id', 'date', 'time']));
    const layout = await this.layout.execute({ tripId });
    const taken = layout.coaches.flatMap((c) => c.seats).filter((s) => s.status !== 'free');
    const byId = seatMap(train).byId;
    return { train_id: String(trainId), date: String(date), booked_seats: taken.map((s) => byId.get(s.seat)!.ordinal), seats: taken.map((s) => s.seat) };
  }

  @ApiSeedErrors()
  @Post('ticket/book')
  @Authenticated()
  @HttpCode(201)
  @ApiOperation({ summary: "Seed 002's ticket purchase: buys the seats you booked (held); idempotent per Idempotency-Key, or per request when none is sent" })
  @ApiBody({ type: SeedTicketDto })
  @ApiOkResponse({ schema: { example: { message: 'Ticket booked successfully', success: true, tickets: [] } } })
  @ApiProblems({ status: 400, code: 'TRAINS.HOLD_MISSING', detail: 'Booking unsuccessful: you do not hold these seats (never held, released or expired): B-12' }, P.validation, P.invalidDate, P.unknownTrip, P.unknownSeat, P.invalidPayment)
  async bookTicket(@Body() body: unknown, @Req() request: FastifyRequest, @CurrentUser() user: AuthenticatedUser) {
    const r = new BodyReader(body, ['train_id', 'seat_numbers', 'date', 'time', 'card_number']);
    const seats = r.seats('seat_numbers');
    const card = r.optionalString('card_number', 40);
    const { tripId } = await this.tripOf(r);
    const given = request.headers['idempotency-key'];
    const key = typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : `seed:${tripId}:${seats.map(String).sort().join(',')}`;
    const outcome = await this.purchaseTickets.execute({ tripId, seats, userId: user.userId, idempotencyKey: key, cardNumber: card ?? '4242424242424242' });
    return { message: 'Ticket booked successfully', success: true, tickets: outcome.purchase.tickets.map(ticketView) };
  }

  private async seatOf(body: unknown): Promise<{ tripId: string; seat: string | number }> {
    const r = new BodyReader(body, ['train_id', 'seat_number', 'date', 'time']);
    const seat = r.seat('seat_number');
    const { tripId } = await this.tripOf(r);
    return { tripId, seat };
  }

  /** train_id (schedule) + date (+ time, which must match the departure when given) → the trip. */
  private async tripOf(r: BodyReader) {
    const trainId = r.raw('train_id');
    const id = typeof trainId === 'number' ? String(trainId) : r.string('train_id', 40);
    const date = r.string('date', 40);
    const time = r.optionalString('time', 10);
    r.done();
    const trip = await this.catalogue.tripOf(id, parseDate(date));
    if (time !== undefined && time.slice(0, 5) !== trip.schedule.departureTime) {
      throw TrainsErrors.unknownTrip(`${id} at ${time} on ${date}`);
    }
    return trip;
  }
}
