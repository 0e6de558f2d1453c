import { DomainError } from '@libs/kernel';

/** The stable error codes of the trains module (clients may switch on them; never rename one). */
export const TrainsErrors = {
  unknownStation: (name: string) => DomainError.notFound('TRAINS.UNKNOWN_STATION', `unknown station ${JSON.stringify(name)}`),
  sameStation: () => DomainError.invalid('TRAINS.SAME_STATION', 'from and to must be different stations', { fields: ['from', 'to'] }),
  invalidDate: (value: string) => DomainError.invalid('TRAINS.INVALID_DATE', `date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 40))}`, { fields: ['date'] }),
  dateInPast: (date: string) => DomainError.invalid('TRAINS.DATE_IN_PAST', `date ${date} is in the past`, { fields: ['date'] }),
  dateTooFar: (date: string, days: number) => DomainError.invalid('TRAINS.DATE_TOO_FAR', `date ${date} is more than ${days} days ahead`, { fields: ['date'] }),
  unknownTrip: (tripId: string) => DomainError.notFound('TRAINS.UNKNOWN_TRIP', `unknown trip ${JSON.stringify(tripId.slice(0, 80))}`),
  unknownSeats: (seats: readonly string[]) =>
    DomainError.invalid('TRAINS.UNKNOWN_SEAT', `no such seat on this trip: ${seats.slice(0, 10).join(', ')}`, { seats: seats.slice(0, 50) }),
  /** A seat named in the URL (`DELETE …/holds/{seat}`) that the trip's train does not have: the resource does not exist. */
  unknownSeatInPath: (seat: string) => DomainError.notFound('TRAINS.UNKNOWN_SEAT', `no such seat on this trip: ${seat.slice(0, 40)}`),
  noSeats: () => DomainError.invalid('TRAINS.NO_SEATS', 'seats must list at least one seat', { fields: ['seats'] }),
  duplicateSeats: () => DomainError.invalid('TRAINS.DUPLICATE_SEATS', 'seats must not repeat a seat', { fields: ['seats'] }),
  tooManySeats: (max: number) => DomainError.invalid('TRAINS.TOO_MANY_SEATS', `at most ${max} seats per request`, { fields: ['seats'], max }),
  holdCapExceeded: (cap: number, held: number) =>
    DomainError.conflict('TRAINS.HOLD_LIMIT_REACHED', `you may hold at most ${cap} seats at once, across all trips (you hold ${held})`, { cap, held }),
  holdRenewalLimit: (seats: readonly string[], maxLifetimeSeconds: number, retryAfterSeconds: number) =>
    new DomainError('TRAINS.HOLD_RENEWAL_LIMIT', 'conflict', `you held ${seats.join(', ')} for the longest a hold may last (${Math.round(maxLifetimeSeconds / 60)} min); buy now or let others have a turn`, {
      details: { seats, max_lifetime_seconds: maxLifetimeSeconds },
      retryAfterSeconds,
    }),
  seatsUnavailable: (seats: readonly string[]) =>
    DomainError.conflict('TRAINS.SEAT_ALREADY_HELD', `seats held or sold by someone else: ${seats.join(', ')}`, { seats }),
  seatsSold: (seats: readonly string[]) => DomainError.conflict('TRAINS.SEAT_ALREADY_SOLD', `seats already sold: ${seats.join(', ')}`, { seats }),
  holdMissing: (seats: readonly string[]) =>
    DomainError.conflict('TRAINS.HOLD_MISSING', `you do not hold these seats (never held, released or expired): ${seats.join(', ')}`, { seats }),
  holdNotFound: (seat: string) => DomainError.notFound('TRAINS.HOLD_NOT_FOUND', `seat ${seat} is not held`),
  notHoldOwner: (seat: string) => new DomainError('TRAINS.NOT_HOLD_OWNER', 'forbidden', `seat ${seat} is held by someone else`),
  paymentDeclined: (reason: string) => new DomainError('TRAINS.PAYMENT_DECLINED', 'unprocessable', `payment declined: ${reason}`, { details: { reason } }),
  invalidPayment: (message: string) => DomainError.invalid('TRAINS.INVALID_PAYMENT', message, { fields: ['payment'] }),
  idempotencyKeyRequired: () =>
    DomainError.invalid('TRAINS.IDEMPOTENCY_KEY_REQUIRED', 'this request needs an Idempotency-Key header (1-128 characters of A-Z a-z 0-9 . _ : -)', { fields: ['Idempotency-Key'] }),
  idempotencyKeyReused: () =>
    new DomainError('TRAINS.IDEMPOTENCY_KEY_REUSED', 'unprocessable', 'this Idempotency-Key was already used for a different purchase; use a new key', { details: { fields: ['Idempotency-Key'] } }),
  ticketNotFound: (id: string) => DomainError.notFound('TRAINS.TICKET_NOT_FOUND', `ticket ${id.slice(0, 80)} not found`),
  ticketNotActive: (id: string) => DomainError.conflict('TRAINS.TICKET_NOT_ACTIVE', `ticket ${id} is already cancelled`),
  storeUnavailable: (what: string, cause?: unknown) => DomainError.unavailable('TRAINS.STORE_UNAVAILABLE', `${what} is unavailable; retry shortly`, cause),
};
