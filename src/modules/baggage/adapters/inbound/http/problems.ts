import type { ProblemExample } from '@libs/platform';

/** The documented errors of baggage's routes (Swagger examples). */
export const P = {
  invalidId: { status: 400, code: 'BAGGAGE.INVALID_ID', detail: 'id must be 1-128 characters of A-Z a-z 0-9 _ . : -', extra: { field: 'id' } },
  invalidWithin: { status: 400, code: 'BAGGAGE.INVALID_WITHIN', detail: 'within must be an integer number of seconds between 1 and 86400', extra: { field: 'within' } },
  bagNotFound: { status: 404, code: 'BAGGAGE.BAG_NOT_FOUND', detail: 'bag BAG_0f8fad5b-d9cb-469f-a165-70867728950e is not stored' },
  flightNotFound: { status: 404, code: 'BAGGAGE.FLIGHT_NOT_FOUND', detail: 'flight FL_7c9e6679-7425-40de-944b-e07fc1f90ae7 is not stored' },
  storeDown: { status: 503, code: 'BAGGAGE.STORE_UNAVAILABLE', detail: 'the baggage store (Redis) is unavailable; retry shortly' },
} satisfies Record<string, ProblemExample>;
