import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, optionalIntegerQuery } from '@libs/platform';
import { AverageDailyFlights, AverageDailyFlightsQuery } from '../../../application/queries/average-daily-flights/average-daily-flights.handler';
import { BusiestHours, BusiestHoursQuery } from '../../../application/queries/busiest-hours/busiest-hours.handler';
import { LatestFlightsQuery } from '../../../application/queries/latest-flights/latest-flights.handler';
import { TopRoutes, TopRoutesQuery } from '../../../application/queries/top-routes/top-routes.handler';
import type { Caller } from '../../../application/services';
import { FlightsAuth } from './auth-headers';
import { FlightsCaller, FlightsCallerGuard } from './flights-caller.guard';
import { P } from './problems';
import { FlightListView, SingleFlightView, flightView } from './views';

// Parameter schemas state what the handlers accept (domain/airport-code.ts, the statistics' day parser), so that the
// document and the server agree (schemathesis checks it, npm run test:api-fuzz).
const CODE = { name: 'code', example: 'LIRF', description: 'ICAO code, case-insensitive', schema: { type: 'string', pattern: '^[A-Za-z]{4}$' } } as const;
// parseDirection: trimmed, any case; empty means the default.
const DIRECTION = { name: 'direction', required: false, description: 'arrival or departure (any case); default departure (as in seed 000)', schema: { type: 'string', pattern: '^(?:[ ]*(?:[Aa][Rr][Rr][Ii][Vv][Aa][Ll]|[Dd][Ee][Pp][Aa][Rr][Tt][Uu][Rr][Ee])[ ]*)?$' } } as const;
const DAYS = { name: 'days', required: false, example: 7, description: '1..365, default 7', schema: optionalIntegerQuery(1, 365) } as const;
const STATS = { description: 'The statistics (404 FLIGHTS.NO_DATA until the first collection cycle)', schema: { type: 'object' } } as const;
const ACCESS = [P.badCode, P.notTracked, P.noData] as const;

@ApiTags('flights')
@Controller('airports/:code')
@FlightsAuth()
@UseGuards(FlightsCallerGuard)
export class AirportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('flights')
  @ApiOperation({ summary: 'The newest flights of a direction (arrivals by lastSeen, departures by firstSeen)' })
  @ApiParam(CODE)
  @ApiQuery(DIRECTION)
  @ApiQuery({ name: 'limit', required: false, example: 10, description: '1..1000, default 10', schema: optionalIntegerQuery(1, 1000) })
  @ApiOkResponse({ type: FlightListView, description: "Seed 000's shape: `{flights: [...]}`, newest first (empty when the direction has no flight yet)" })
  @ApiProblems(...ACCESS, P.badDirection, P.badLimit)
  async flights(@Param('code') code: string, @Query('direction') direction: unknown, @Query('limit') limit: unknown, @FlightsCaller() caller: Caller): Promise<FlightListView> {
    const result = await this.queries.execute(new LatestFlightsQuery(caller.email, code, direction, limit));
    return { flights: result.flights.map((f) => flightView(f, result.direction)) };
  }

  @Get('flights/last')
  @ApiOperation({ summary: 'The newest flight of a direction' })
  @ApiParam(CODE)
  @ApiQuery(DIRECTION)
  @ApiOkResponse({ type: SingleFlightView, description: "Seed 000's shape: `{flight: {...}}`" })
  @ApiProblems(...ACCESS, P.badDirection, P.noFlight)
  async last(@Param('code') code: string, @Query('direction') direction: unknown, @FlightsCaller() caller: Caller): Promise<SingleFlightView> {
    const result = await this.queries.execute(new LatestFlightsQuery(caller.email, code, direction, undefined, true));
    return { flight: flightView(result.flights[0], result.direction) };
  }

  @Get('stats/average')
  @ApiOkResponse(STATS)
  @ApiOperation({ summary: 'Average daily flights of a direction over the last `days` days' })
  @ApiParam(CODE)
  @ApiQuery(DIRECTION)
  @ApiQuery(DAYS)
  @ApiProblems(...ACCESS, P.badDirection, P.badDays)
  average(@Param('code') code: string, @Query('direction') direction: unknown, @Query('days') days: unknown, @FlightsCaller() caller: Caller): Promise<AverageDailyFlights> {
    return this.queries.execute(new AverageDailyFlightsQuery(caller.email, code, direction, days));
  }

  @Get('stats/busiest-hours')
  @ApiOkResponse(STATS)
  @ApiOperation({ summary: 'Flights per UTC hour of day over the last `days` days, busiest first' })
  @ApiParam(CODE)
  @ApiQuery(DIRECTION)
  @ApiQuery(DAYS)
  @ApiProblems(...ACCESS, P.badDirection, P.badDays)
  busiestHours(@Param('code') code: string, @Query('direction') direction: unknown, @Query('days') days: unknown, @FlightsCaller() caller: Caller): Promise<BusiestHours> {
    return this.queries.execute(new BusiestHoursQuery(caller.email, code, direction, days));
  }

  @Get('stats/top-routes')
  @ApiOkResponse(STATS)
  @ApiOperation({ summary: 'The most flown airport pairs through this airport over the last `days` days' })
  @ApiParam(CODE)
  @ApiQuery(DAYS)
  @ApiQuery({ name: 'limit', required: false, example: 10, description: '1..100, default 10', schema: optionalIntegerQuery(1, 100) })
  @ApiProblems(...ACCESS, P.badDays, P.badLimit)
  topRoutes(@Param('code') code: string, @Query('days') days: unknown, @Query('limit') limit: unknown, @FlightsCaller() caller: Caller): Promise<TopRoutes> {
    return this.queries.execute(new TopRoutesQuery(caller.email, code, days, limit));
  }
}
