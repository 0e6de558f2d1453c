import type { ProblemExample } from '@libs/platform';

/** The documented errors of trains' routes (Swagger examples). */
export const P = {
  validation: { status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: 'seats must be an array', extra: { errors: ['seats must be an array'], fields: ['seats'] } },
  sameStation: { status: 400, code: 'TRAINS.SAME_STATION', detail: 'from and to must be different stations' },
  invalidDate: { status: 400, code: 'TRAINS.INVALID_DATE', detail: 'date must be a calendar date YYYY-MM-DD, got "tomorrow"' },
  dateInPast: { status: 400, code: 'TRAINS.DATE_IN_PAST', detail: 'date 2020-01-01 is in the past' },
  dateTooFar: { status: 400, code: 'TRAINS.DATE_TOO_FAR', detail: 'date 2099-01-01 is more than 90 days ahead' },
  unknownSeat: { status: 400, code: 'TRAINS.UNKNOWN_SEAT', detail: 'no such seat on this trip: Z-99', extra: { seats: ['Z-99'] } },
  noSeats: { status: 400, code: 'TRAINS.NO_SEATS', detail: 'seats must list at least one seat' },
  duplicateSeats: { status: 400, code: 'TRAINS.DUPLICATE_SEATS', detail: 'seats must not repeat a seat' },
  tooManySeats: { status: 400, code: 'TRAINS.TOO_MANY_SEATS', detail: 'at most 10 seats per request', extra: { max: 10 } },
  keyRequired: { status: 400, code: 'TRAINS.IDEMPOTENCY_KEY_REQUIRED', detail: 'this request needs an Idempotency-Key header (1-128 characters of A-Z a-z 0-9 . _ : -)' },
  invalidPayment: { status: 400, code: 'TRAINS.INVALID_PAYMENT', detail: 'payment.card_number must be 12-19 digits' },
  declined: { status: 402, code: 'TRAINS.PAYMENT_DECLINED', detail: 'payment declined: card_declined', extra: { reason: 'card_declined' }, summary: 'no ticket is created; your holds are kept until they expire' },
  notOwner: { status: 403, code: 'TRAINS.NOT_HOLD_OWNER', detail: 'seat B-12 is held by someone else' },
  unknownStation: { status: 404, code: 'TRAINS.UNKNOWN_STATION', detail: 'unknown station "Atlantis"' },
  unknownTrip: { status: 404, code: 'TRAINS.UNKNOWN_TRIP', detail: 'unknown trip "999_2026-05-01"' },
  holdNotFound: { status: 404, code: 'TRAINS.HOLD_NOT_FOUND', detail: 'seat B-12 is not held' },
  ticketNotFound: { status: 404, code: 'TRAINS.TICKET_NOT_FOUND', detail: 'ticket 6f1c… not found' },
  seatHeld: { status: 409, code: 'TRAINS.SEAT_ALREADY_HELD', detail: 'seats held or sold by someone else: B-12', extra: { seats: ['B-12'] } },
  seatSold: { status: 409, code: 'TRAINS.SEAT_ALREADY_SOLD', detail: 'seats already sold: B-12', extra: { seats: ['B-12'] } },
  holdLimit: { status: 409, code: 'TRAINS.HOLD_LIMIT_REACHED', detail: 'you may hold at most 10 seats of a trip (you hold 9)', extra: { cap: 10, held: 9 } },
  holdMissing: { status: 409, code: 'TRAINS.HOLD_MISSING', detail: 'you do not hold these seats (never held, released or expired): B-12', extra: { seats: ['B-12'] } },
  ticketNotActive: { status: 409, code: 'TRAINS.TICKET_NOT_ACTIVE', detail: 'ticket 6f1c… is already cancelled' },
  keyReused: { status: 422, code: 'TRAINS.IDEMPOTENCY_KEY_REUSED', detail: 'this Idempotency-Key was already used for a different purchase; use a new key' },
  unavailable: { status: 503, code: 'TRAINS.STORE_UNAVAILABLE', detail: 'the seat hold store is unavailable; retry shortly' },
} satisfies Record<string, ProblemExample>;
