import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser, IdentityFacade } from '@libs/contracts';
import { isDomainError } from '@libs/kernel';
import { ApiProblems, Authenticated, CurrentUser, Public, resolveIdentityFacade } from '@libs/platform';
import { TrainsErrors } from '../../../domain';
import { CancelTicketCommand } from '../../../application/commands/cancel-ticket/cancel-ticket.command';
import { HoldSeatsCommand } from '../../../application/commands/hold-seats/hold-seats.command';
import { PurchaseTicketsCommand } from '../../../application/commands/purchase-tickets/purchase-tickets.command';
import { ReleaseHoldCommand } from '../../../application/commands/release-hold/release-hold.command';
import { GetLayoutQuery } from '../../../application/queries/get-layout/get-layout.query';
import { ListStationsQuery } from '../../../application/queries/list-stations/list-stations.query';
import { ListTicketsQuery } from '../../../application/queries/list-tickets/list-tickets.query';
import { SearchTripsQuery } from '../../../application/queries/search-trips/search-trips.query';
import { TRAINS_SETTINGS, TrainsSettings } from '../../../application/trains-settings';
import { HoldSeatsDto, PurchaseDto, TICKET_EXAMPLE, TRAVEL_DATE_SCHEMA, TRIP_EXAMPLE, TRIP_ID_SCHEMA, holdView, layoutView, purchaseView, ticketView, tripView } from './dto';
import { P } from './problems';
import { TrainsProblemFilter } from './trains-problem.filter';
import { BodyReader, idempotencyKeyOf } from './validation';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i;

@ApiTags('trains')
@Controller('trains')
@UseFilters(TrainsProblemFilter)
export class TrainsController {
  private identity?: IdentityFacade | null;

  constructor(
    private readonly stations: ListStationsQuery,
    private readonly search: SearchTripsQuery,
    private readonly layout: GetLayoutQuery,
    private readonly ticketsQuery: ListTicketsQuery,
    private readonly holdSeats: HoldSeatsCommand,
    private readonly releaseHold: ReleaseHoldCommand,
    private readonly purchaseTickets: PurchaseTicketsCommand,
    private readonly cancelTicket: CancelTicketCommand,
    private readonly moduleRef: ModuleRef,
    @Inject(TRAINS_SETTINGS) private readonly settings: TrainsSettings,
  ) {}

  @Get('stations')
  @Public()
  @ApiOperation({ summary: 'Stations, ordered along the line (distance_index)' })
  @ApiOkResponse({ schema: { example: [{ code: 'DHK', name: 'Dhaka', distance_index: 0 }, { code: 'KHL', name: 'Khulna', distance_index: 10 }] } })
  @ApiProblems(P.unavailable)
  async listStations() {
    return (await this.stations.execute()).map((s) => ({ code: s.code, name: s.name, distance_index: s.distanceIndex }));
  }

  @Get('search')
  @Public()
  @ApiOperation({ summary: 'Trips between two stations on a date', description: 'Stations by name or code (case-insensitive). Fares: |Δ distance_index| × 100 × class multiplier (shovan 1, snigdha 1.5, AC 2) + demand surcharge (+10 % from half sold, +25 % from 80 % sold).' })
  @ApiQuery({ name: 'from', example: 'Dhaka', schema: { type: 'string', minLength: 1, maxLength: 100 }, description: 'Station name or code' })
  @ApiQuery({ name: 'to', example: 'Khulna', schema: { type: 'string', minLength: 1, maxLength: 100 }, description: 'Station name or code' })
  @ApiQuery({ name: 'date', example: TRIP_EXAMPLE.date, schema: TRAVEL_DATE_SCHEMA })
  @ApiOkResponse({ schema: { example: [TRIP_EXAMPLE] } })
  @ApiProblems(P.validation, P.sameStation, P.invalidDate, P.dateInPast, P.dateTooFar, P.unknownStation, P.unavailable)
  async searchTrips(@Query('from') from: unknown, @Query('to') to: unknown, @Query('date') date: unknown) {
    const reader = new BodyReader({ from, to, date }, ['from', 'to', 'date']);
    const input = { from: reader.string('from', 100), to: reader.string('to', 100), date: reader.string('date', 40) };
    reader.done();
    return (await this.search.execute(input)).map(tripView);
  }

  @Get('trips/:tripId/layout')
  @Public()
  @ApiOperation({ summary: 'Coaches and seats of a trip with status (free / held_by_you / held / sold) and the price charged now', description: 'Public; with a valid bearer token, your own holds show as held_by_you.' })
  @ApiParam({ name: 'tripId', example: '725_2026-05-01', schema: TRIP_ID_SCHEMA })
  @ApiOkResponse({ schema: { example: { trip_id: '725_2026-05-01', train_name: 'Sundarban Express', counts: { free: 237, held_by_you: 1, held: 0, sold: 0 }, coaches: [{ coach: 'A', class: 'AC', rows: 10, seats_per_row: 4, price: 2000, seats: [{ seat: 'A-1', row: 1, column: 1, status: 'free', price: 2000 }] }] } } })
  @ApiProblems(P.unknownTrip, P.unavailable)
  async getLayout(@Param('tripId') tripId: string, @Req() request: FastifyRequest) {
    const user = await this.optionalUser(request);
    return layoutView(await this.layout.execute({ tripId, userId: user?.userId }));
  }

  @Post('trips/:tripId/holds')
  @Authenticated()
  @HttpCode(201)
  @ApiOperation({ summary: 'Hold seats for you for the hold TTL (default 10 min), all or nothing', description: 'Holding a seat you already hold extends it, but never past TRAINS_HOLD_MAX_LIFETIME_SECONDS (default 30 min) from your first hold of it; after that you may not hold that seat again for one hold TTL (409 TRAINS.HOLD_RENEWAL_LIMIT with Retry-After). At most TRAINS_MAX_HELD_SEATS_PER_USER seats (default 10) held at once across all trips (409 TRAINS.HOLD_LIMIT_REACHED).' })
  @ApiParam({ name: 'tripId', example: '725_2026-05-01', schema: TRIP_ID_SCHEMA })
  @ApiBody({ type: HoldSeatsDto })
  @ApiCreatedResponse({ schema: { example: { trip_id: '725_2026-05-01', seats: ['B-12', 'B-13'], expires_at: '2026-04-20T10:10:00.000Z' } } })
  @ApiProblems(P.validation, P.noSeats, P.duplicateSeats, P.tooManySeats, P.unknownSeat, P.dateInPast, P.unknownTrip, P.seatHeld, P.seatSold, P.holdLimit, P.holdRenewalLimit, P.unavailable)
  async hold(@Param('tripId') tripId: string, @Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    const reader = new BodyReader(body, ['seats']);
    const seats = reader.seats('seats');
    reader.done();
    return holdView(await this.holdSeats.execute({ tripId, seats, userId: user.userId }));
  }

  @Delete('trips/:tripId/holds/:seat')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Release your hold of a seat' })
  @ApiParam({ name: 'tripId', example: '725_2026-05-01', schema: TRIP_ID_SCHEMA })
  @ApiParam({ name: 'seat', example: 'B-12' })
  @ApiNoContentResponse({ description: 'Released' })
  @ApiProblems(P.unknownSeatInPath, P.unknownTrip, P.holdNotFound, P.notOwner, P.unavailable)
  async release(@Param('tripId') tripId: string, @Param('seat') seat: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.releaseHold.execute({ tripId, seat, userId: user.userId }).catch((error: unknown) => {
      // The seat is the resource this URL names: one the trip's train does not have is 404 (in a body it is 400).
      throw isDomainError(error) && error.code === 'TRAINS.UNKNOWN_SEAT' ? TrainsErrors.unknownSeatInPath(seat) : error;
    });
  }

  @Post('purchases')
  @Authenticated()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Buy seats you hold',
    description:
      'Charges the (simulated) payment gateway and stores the tickets in one transaction, then releases the holds. At most once per Idempotency-Key: a retry answers the same purchase (Idempotent-Replayed: true). A declined payment (402) creates no ticket and KEEPS your holds, so you can retry with another card until they expire.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$', example: 'buy-7d3f9a2e' } })
  @ApiBody({ type: PurchaseDto })
  @ApiCreatedResponse({ schema: { example: { purchase_id: TICKET_EXAMPLE.purchase_id, trip_id: TICKET_EXAMPLE.trip_id, amount: 1500, currency: 'BDT', payment_id: 'pay_1b2c…', tickets: [TICKET_EXAMPLE] } } })
  @ApiProblems(P.validation, P.keyRequired, P.invalidPayment, P.noSeats, P.tooManySeats, P.unknownSeat, P.declined, P.unknownTrip, P.holdMissing, P.seatSold, P.keyReused, P.unavailable)
  async purchase(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentUser() user: AuthenticatedUser) {
    const idempotencyKey = idempotencyKeyOf(request.headers);
    if (!idempotencyKey) throw TrainsErrors.idempotencyKeyRequired();
    const reader = new BodyReader(body, ['trip_id', 'seats', 'payment']);
    const tripId = reader.string('trip_id', 80);
    const seats = reader.seats('seats');
    const payment = reader.object('payment');
    reader.done();
    const outcome = await this.purchaseTickets.execute({ tripId, seats, userId: user.userId, idempotencyKey, cardNumber: payment.card_number });
    if (outcome.replayed) void reply.header('Idempotent-Replayed', 'true');
    return purchaseView(outcome.purchase, this.settings.currency);
  }

  @Get('tickets')
  @Authenticated()
  @ApiOperation({ summary: 'Your tickets, newest first (active and cancelled)' })
  @ApiOkResponse({ schema: { example: [TICKET_EXAMPLE] } })
  @ApiProblems(P.unavailable)
  async myTickets(@CurrentUser() user: AuthenticatedUser) {
    return (await this.ticketsQuery.execute(user.userId)).map(ticketView);
  }

  @Delete('tickets/:ticketId')
  @Authenticated()
  @ApiOperation({ summary: 'Cancel your ticket (frees the seat)' })
  @ApiParam({ name: 'ticketId', example: TICKET_EXAMPLE.ticket_id })
  @ApiOkResponse({ schema: { example: { ...TICKET_EXAMPLE, status: 'cancelled' } } })
  @ApiProblems(P.ticketNotFound, P.ticketNotActive, P.unavailable)
  async cancel(@Param('ticketId') ticketId: string, @CurrentUser() user: AuthenticatedUser) {
    return ticketView(await this.cancelTicket.execute({ ticketId, userId: user.userId }));
  }

  /** Public routes may still recognise the caller (for held_by_you); a bad or missing token just means anonymous. */
  private async optionalUser(request: FastifyRequest): Promise<AuthenticatedUser | null> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' && header.length < 4200 ? BEARER.exec(header) : null;
    if (!match) return null;
    if (this.identity === undefined) this.identity = resolveIdentityFacade(this.moduleRef);
    return this.identity ? this.identity.verifyAccessToken(match[1]).catch(() => null) : null;
  }
}
