import { Injectable } from '@nestjs/common';
import { DomainError } from '@libs/kernel';
import { FlightsErrorCode, parseAirportCode } from '../../domain';
import { FlightGraph } from '../../ports';

/** Seed 000's text, word for word (its clients show it); the cycle is COLLECTION_INTERVAL, 12 h by default. */
export const NO_DATA_YET = 'No data available yet. Monitoring cycle runs periodically (approx. every 12h). Please retry later.';

/** The airport routes' rules: a valid code, an interest of the caller in it (403), a first collection done (404). */
@Injectable()
export class AirportAccess {
  constructor(private readonly graph: FlightGraph) {}

  async collectedAirport(email: string, rawCode: unknown): Promise<{ code: string; lastUpdate: number }> {
    const code = parseAirportCode(rawCode, 'code');
    const interests = await this.graph.interestsOf(email);
    if (!interests.some((i) => i.airportCode === code)) {
      throw new DomainError(FlightsErrorCode.AirportNotTracked, 'forbidden', `you have no interest in ${code}: add it with POST /interests first`);
    }
    const airport = await this.graph.airport(code);
    if (!airport || airport.lastUpdate === null) throw DomainError.notFound(FlightsErrorCode.NoDataYet, NO_DATA_YET);
    return { code, lastUpdate: airport.lastUpdate };
  }
}
