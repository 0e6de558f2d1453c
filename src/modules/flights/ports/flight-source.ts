import type { Direction, Flight, Window } from '../domain';

/**
 * Where flights come from (OpenSky, or a synthetic source with memory adapters). A window is at most
 * MAX_WINDOW_SECONDS long; an empty answer (OpenSky's 404) is an empty list. Failures are DomainErrors:
 * `unavailable` (retry later), `rate_limited` (stop the cycle until `retryAfterSeconds`).
 */
export abstract class FlightSource {
  abstract flights(direction: Direction, airportCode: string, window: Window): Promise<Flight[]>;
}
