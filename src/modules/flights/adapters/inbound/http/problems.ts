import type { ProblemExample } from '@libs/platform';
import { FlightsErrorCode as C } from '../../../domain';

/** Documented errors of flights' routes (Swagger examples). */
export const P = {
  unauthenticated: { status: 401, code: C.Unauthenticated, detail: 'send Authorization: Bearer <access token> (or the email and password headers)' },
  badCredentials: { status: 401, code: C.InvalidCredentials, detail: 'Invalid credentials or unauthorized access' },
  identityDown: { status: 503, code: C.IdentityUnavailable, detail: 'flights-identity is unavailable (circuit open)' },
  graphDown: { status: 503, code: C.GraphUnavailable, detail: 'the flights graph (Neo4j) is unavailable' },
  badCode: { status: 400, code: C.InvalidAirportCode, detail: 'code must be a 4-letter ICAO code' },
  badRequest: { status: 400, code: C.InvalidRequest, detail: 'interests must be an array of 1 to 100 items' },
  badThreshold: { status: 400, code: C.InvalidThreshold, detail: 'interests[0].low_value must be an integer between 0 and 1000000' },
  thresholdOrder: { status: 422, code: C.ThresholdOrder, detail: 'interests[0]: low_value (10) must be lower than high_value (5)' },
  badDirection: { status: 400, code: C.InvalidDirection, detail: 'direction must be arrival or departure' },
  badDays: { status: 400, code: C.InvalidDays, detail: 'days must be an integer between 1 and 365' },
  badLimit: { status: 400, code: C.InvalidLimit, detail: 'limit must be an integer between 1 and 1000' },
  notTracked: { status: 403, code: C.AirportNotTracked, detail: 'you have no interest in LIRF: add it with POST /interests first' },
  noData: { status: 404, code: C.NoDataYet, detail: 'No data available yet. Monitoring cycle runs periodically (approx. every 12h). Please retry later.' },
  noFlight: { status: 404, code: C.NoFlight, detail: 'no arrival recorded at LIRF yet' },
  noInterest: { status: 404, code: C.InterestNotFound, detail: 'you have no interest in LIRF' },
  adminOnly: { status: 403, code: C.AdminOnly, detail: 'forcing a collection needs an admin access token' },
  inProgress: { status: 409, code: C.CollectionInProgress, detail: 'a collection cycle is already running; try again when it has finished' },
} satisfies Record<string, ProblemExample>;

export const AUTH_PROBLEMS: ProblemExample[] = [P.unauthenticated, P.badCredentials, P.identityDown, P.graphDown];
