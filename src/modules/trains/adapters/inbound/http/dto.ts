import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiClosedSchema } from '@libs/platform';
import type { Ticket } from '../../../domain';
import type { HoldOutcome } from '../../../application/commands/hold-seats/hold-seats.command';
import type { Purchase } from '../../../ports';
import type { Layout } from '../../../application/queries/get-layout/get-layout.query';
import type { TripSummary } from '../../../application/queries/search-trips/search-trips.query';

// What BodyReader and the domain check (validation.ts, domain/seat-map.ts, domain/payment.ts), as JSON Schema, so that
// the document allows exactly what the server accepts (npm run test:api-fuzz). Whether a seat exists on the trip's
// train depends on the catalogue, which a schema cannot state (400 TRAINS.UNKNOWN_SEAT).

/** Days ahead a trip may be booked (TRAINS_BOOKING_HORIZON_DAYS, default). */
const HORIZON = 'from today (UTC) to TRAINS_BOOKING_HORIZON_DAYS (default 90) days ahead';
/** `<schedule id>_<YYYY-MM-DD>` (domain/trip.ts); any other id is 404 TRAINS.UNKNOWN_TRIP. */
export const TRIP_ID_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}_[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;
export const TRAVEL_DATE_SCHEMA = { type: 'string', format: 'date', description: `A calendar date YYYY-MM-DD, ${HORIZON}` } as const;
/** A seat id from the layout (`B-12`, trimmed, any case) or the 1-based seat number across the train. */
const SEAT_ITEM = { anyOf: [{ type: 'string', maxLength: 40 }, { type: 'integer', minimum: 1 }] };
/** Default TRAINS_MAX_SEATS_PER_REQUEST. */
const MAX_SEATS = 10;
const SEATS = { type: 'array', items: SEAT_ITEM, minItems: 1, maxItems: MAX_SEATS, uniqueItems: true } as const;
/** domain/payment.ts: 12-19 digits once spaces and dashes are removed. */
const CARD_NUMBER_PATTERN = '^[ -]*(?:[0-9][ -]*){12,19}$';

@ApiClosedSchema()
export class HoldSeatsDto {
  @ApiProperty({ ...SEATS, example: ['B-12', 'B-13'], description: `Distinct seat ids from the layout (or 1-based seat numbers), 1 to TRAINS_MAX_SEATS_PER_REQUEST (default ${MAX_SEATS})` })
  seats!: Array<string | number>;
}

export class PaymentDto {
  @ApiProperty({
    example: '4242 4242 4242 4242',
    pattern: CARD_NUMBER_PATTERN,
    description: '12-19 digits (spaces and dashes ignored). Simulated gateway: any number is approved except 4000 0000 0000 0002 (card_declined) and 4000 0000 0000 9995 (insufficient_funds)',
  })
  card_number!: string;
}

@ApiClosedSchema()
export class PurchaseDto {
  @ApiProperty({ example: '701_2026-05-01', minLength: 1, maxLength: 80, description: 'A trip id (an unknown one is 404)' })
  trip_id!: string;

  @ApiProperty({ ...SEATS, example: ['B-12', 'B-13'], description: 'Distinct seats the caller holds' })
  seats!: Array<string | number>;

  @ApiProperty({ type: PaymentDto })
  payment!: PaymentDto;
}

// Lengths as BodyReader checks them (seed-compat.controller.ts): non-empty strings, station names ≤ 100 characters,
// ids and dates ≤ 40, times ≤ 10.
const SEED_TIME = { pattern: '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$', maxLength: 10, description: "Read but not needed: the schedule and the date fix the trip (seed 002's frontend sends the current clock)" };
const SEED_SEAT = "A seat: the original's name `<coach><n>` (`A10`), Junction's seat id (`A-10`), or the 1-based seat number across the train";

@ApiClosedSchema()
export class SeedTripDto {
  @ApiProperty({ example: 'Dhaka', minLength: 1, maxLength: 100 }) from_station_name!: string;
  @ApiProperty({ example: 'Khulna', minLength: 1, maxLength: 100 }) to_station_name!: string;
  @ApiProperty({ example: '2026-05-01', format: 'date' }) date!: string;
}

@ApiClosedSchema()
export class SeedPriceDto {
  @ApiProperty({ example: 'Dhaka', minLength: 1, maxLength: 100 }) from_station_name!: string;
  @ApiProperty({ example: 'Khulna', minLength: 1, maxLength: 100 }) to_station_name!: string;
}

@ApiClosedSchema()
export class SeedSeatDto {
  @ApiProperty({ example: '725', minLength: 1, maxLength: 40, description: "The schedule id, as `train_id` in /api/trains/get's answer" }) train_id!: string;
  @ApiProperty({ example: 'A10', description: SEED_SEAT, oneOf: [{ type: 'string', minLength: 1, maxLength: 40 }, { type: 'integer', minimum: 1 }] }) seat_number!: number | string;
  @ApiProperty({ example: '2026-05-01', format: 'date' }) date!: string;
  @ApiPropertyOptional({ example: '13:05', ...SEED_TIME }) time?: string;
}

@ApiClosedSchema()
export class SeedBookedSeatsDto {
  @ApiProperty({ example: '725', minLength: 1, maxLength: 40 }) train_id!: string;
  @ApiProperty({ example: '2026-05-01', format: 'date' }) date!: string;
  @ApiPropertyOptional({ example: '13:05', ...SEED_TIME }) time?: string;
}

@ApiClosedSchema()
export class SeedTicketDto {
  @ApiPropertyOptional({ example: 'Dhaka', minLength: 1, maxLength: 100, description: 'Checked to exist (404 otherwise), as the original did; the ticket is for the whole trip' }) from_station_name?: string;
  @ApiPropertyOptional({ example: 'Khulna', minLength: 1, maxLength: 100 }) to_station_name?: string;
  @ApiProperty({ example: '725', minLength: 1, maxLength: 40, description: 'The schedule id from /api/trains/get' }) train_id!: string;
  @ApiPropertyOptional({ example: '6037e588-7da9-4422-8bfc-d780eb7d39e0', description: "Must be the signed-in user's id when sent (403 otherwise): the user comes from the token" }) user_id?: string;
  @ApiProperty({ example: ['A10', 'A11'], description: `Seats to buy (1-10, distinct): ${SEED_SEAT}`, type: 'array', minItems: 1, maxItems: MAX_SEATS, uniqueItems: true, items: { oneOf: [{ type: 'string', minLength: 1, maxLength: 40 }, { type: 'integer', minimum: 1 }] } }) seat_numbers!: Array<number | string>;
  @ApiPropertyOptional({
    example: '2026-05-01',
    format: 'date',
    description: "The original sent none. Without it: the next departure of the schedule — today's trip (UTC) until its departure time on the UTC clock, else tomorrow's; seats you hold on today's trip are bought on today's trip",
  })
  date?: string;
  @ApiPropertyOptional({ example: '08:15', ...SEED_TIME }) time?: string;
  @ApiPropertyOptional({ example: '4242424242424242', pattern: CARD_NUMBER_PATTERN, maxLength: 40, description: 'Defaults to an approving test card (the original had no payment)' }) card_number?: string;
}

export const SEED_TICKET_EXAMPLE = {
  ticket_id: '0a57e453-79d7-48b6-a147-902053049e9c',
  user_id: '6037e588-7da9-4422-8bfc-d780eb7d39e0',
  train_id: '725',
  seat_number: 'A10',
  price: '2000.00',
  status: 1,
  seat: 'A-10',
  trip_id: '725_2026-05-01',
  date: '2026-05-01',
  purchase_id: '0b2f7f0e-2b0c-4f0c-8d8a-1e3d5a7c9b11',
  created_at: '2026-04-20T10:00:00.000Z',
};

export const TICKET_EXAMPLE = {
  ticket_id: '6f1c2b8e-4d7a-4c1e-9a57-0b7d1c2e3f40',
  trip_id: '725_2026-05-01',
  schedule_id: '725',
  date: '2026-05-01',
  seat: 'B-12',
  price: 1500,
  status: 'active',
  purchase_id: '0b2f7f0e-2b0c-4f0c-8d8a-1e3d5a7c9b11',
  created_at: '2026-04-20T10:00:00.000Z',
};

export const ticketView = (t: Ticket) => ({
  ticket_id: t.ticketId,
  trip_id: t.tripId,
  schedule_id: t.scheduleId,
  date: t.date,
  seat: t.seat,
  price: t.price,
  status: t.status,
  purchase_id: t.purchaseId,
  created_at: t.createdAt.toISOString(),
});

export const purchaseView = (p: Purchase, currency: string) => ({
  purchase_id: p.purchaseId,
  trip_id: p.tripId,
  amount: p.amount,
  currency,
  payment_id: p.paymentId,
  tickets: p.tickets.map(ticketView),
});

export const holdView = (h: HoldOutcome) => ({ trip_id: h.tripId, seats: h.seats, expires_at: h.expiresAt.toISOString() });

export const tripView = (t: TripSummary) => ({
  trip_id: t.tripId,
  schedule_id: t.scheduleId,
  train_id: t.trainId,
  train_name: t.trainName,
  from: t.from,
  to: t.to,
  date: t.date,
  departure_time: t.departureTime,
  arrival_time: t.arrivalTime,
  duration_minutes: t.durationMinutes,
  stops: t.stops,
  seats_total: t.seatsTotal,
  seats_left: t.seatsLeft,
  price_from: t.priceFrom,
  classes: t.classes.map((c) => ({ class: c.seatClass, price: c.price })),
  currency: t.currency,
});

export const layoutView = (l: Layout) => ({
  trip_id: l.tripId,
  train_name: l.trainName,
  from: l.from,
  to: l.to,
  date: l.date,
  departure_time: l.departureTime,
  currency: l.currency,
  hold_ttl_seconds: l.holdTtlSeconds,
  counts: l.counts,
  coaches: l.coaches.map((c) => ({
    coach: c.coach,
    class: c.seatClass,
    rows: c.rows,
    seats_per_row: c.seatsPerRow,
    price: c.price,
    seats: c.seats.map((s) => ({ seat: s.seat, row: s.row, column: s.column, status: s.status, price: s.price, ...(s.holdExpiresAt ? { hold_expires_at: s.holdExpiresAt } : {}) })),
  })),
});

export const TRIP_EXAMPLE = {
  trip_id: '725_2026-05-01',
  schedule_id: '725',
  train_id: '725',
  train_name: 'Sundarban Express',
  from: 'Dhaka',
  to: 'Khulna',
  date: '2026-05-01',
  departure_time: '08:15',
  arrival_time: '16:15',
  duration_minutes: 480,
  stops: [{ station: 'Jashore', time: '14:45' }],
  seats_total: 238,
  seats_left: 236,
  price_from: 1000,
  classes: [
    { class: 'AC', price: 2000 },
    { class: 'snigdha', price: 1500 },
    { class: 'shovan', price: 1000 },
  ],
  currency: 'BDT',
};
