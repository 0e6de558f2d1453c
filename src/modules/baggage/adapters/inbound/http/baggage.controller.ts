import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, isDomainError } from '@libs/kernel';
import { ApiProblems, Authenticated, optionalIntegerQuery } from '@libs/platform';
import { GetBagQuery } from '../../../application/queries/get-bag/get-bag.query';
import { GetFlightQuery } from '../../../application/queries/get-flight/get-flight.query';
import { ListArrivalsQuery } from '../../../application/queries/list-arrivals/list-arrivals.query';
import type { ArrivalsView, BagView, FlightView } from '../../../application/views';
import { P } from './problems';

const FLIGHT = 'FL_7c9e6679-7425-40de-944b-e07fc1f90ae7';
const NEXT = 'FL_16fd2706-8baf-433b-82eb-8c7fada847da';
const BAG = 'BAG_0f8fad5b-d9cb-469f-a165-70867728950e';

const BAG_EXAMPLE: BagView = {
  id: BAG,
  flights: [
    { id: FLIGHT, stored: true, departure_time: 1767218400, arrival_time: 1767225600 },
    { id: NEXT, stored: true, departure_time: 1767232800, arrival_time: 1767240000 },
  ],
  status: { state: 'in-transfer', from: FLIGHT, to: NEXT },
};
const FLIGHT_EXAMPLE: FlightView = {
  id: FLIGHT,
  departure_time: 1767218400,
  arrival_time: 1767225600,
  bags: [BAG, 'BAG_9b2f4c1e-6d1a-4f0b-8e55-3c2d1e0f9a8b'],
  work_produced: true,
  work: { [BAG]: 1767232800, 'BAG_9b2f4c1e-6d1a-4f0b-8e55-3c2d1e0f9a8b': 0 },
  work_revision: 1,
};
const ARRIVALS_EXAMPLE: ArrivalsView = { from: 1767225000, to: 1767225600, arrivals: [{ id: FLIGHT, arrival_time: 1767225600, work_produced: true }] };

/** Store failures become 503 BAGGAGE.STORE_UNAVAILABLE; domain errors (4xx) pass through. */
async function run<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw new DomainError('BAGGAGE.STORE_UNAVAILABLE', 'unavailable', 'the baggage store (Redis) is unavailable; retry shortly', { cause: error, retryAfterSeconds: 1 });
  }
}

// What domain/errors.ts accepts as an id (the document and the server agree; npm run test:api-fuzz checks it).
const ID_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$' } as const;

@ApiTags('baggage')
@Authenticated()
@Controller('baggage')
export class BaggageController {
  constructor(private readonly queries: QueryBus) {}

  @Get('bags/:id')
  @ApiOperation({
    summary: 'A bag: its itinerary with each leg’s times, and where it is now',
    description:
      'status.state is one of no-itinerary, itinerary-incomplete (a leg is not stored yet), awaiting-departure, in-flight, in-transfer, arrived — judged from the stored times at the time of the request.',
  })
  @ApiParam({ name: 'id', example: BAG, schema: ID_SCHEMA })
  @ApiOkResponse({ description: 'The bag', schema: { example: BAG_EXAMPLE } })
  @ApiProblems(P.invalidId, P.bagNotFound, P.storeDown)
  bag(@Param('id') id: string): Promise<BagView> {
    return run(this.queries.execute(new GetBagQuery(id)));
  }

  @Get('flights/:id')
  @ApiOperation({
    summary: 'A flight with its bags, and its arriving-flight work once produced',
    description:
      'work holds, per bag, the next-departure code of the last produced item: -1 itinerary unknown, -2 empty itinerary, -10 flight not on the itinerary, 0 final destination, -3 next leg not stored, >0 next leg’s departure time (unix seconds). work_revision > 1 means corrections were produced.',
  })
  @ApiParam({ name: 'id', example: FLIGHT, schema: ID_SCHEMA })
  @ApiOkResponse({ description: 'The flight', schema: { example: FLIGHT_EXAMPLE } })
  @ApiProblems(P.invalidId, P.flightNotFound, P.storeDown)
  flight(@Param('id') id: string): Promise<FlightView> {
    return run(this.queries.execute(new GetFlightQuery(id)));
  }

  @Get('arrivals')
  @ApiOperation({ summary: 'Flights arriving within the next `within` seconds (at most 1000, by arrival time)' })
  @ApiQuery({ name: 'within', required: false, example: 600, description: 'Seconds ahead, 1…86400 (default 600)', schema: optionalIntegerQuery(1, 86400) })
  @ApiOkResponse({ description: 'Upcoming arrivals', schema: { example: ARRIVALS_EXAMPLE } })
  @ApiProblems(P.invalidWithin, P.storeDown)
  arrivals(@Query('within') within?: string | string[]): Promise<ArrivalsView> {
    return run(this.queries.execute(new ListArrivalsQuery(within)));
  }
}
