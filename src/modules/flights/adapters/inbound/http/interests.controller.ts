import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@libs/platform';
import { SaveInterestsCommand } from '../../../application/commands/save-interests/save-interests.handler';
import { RemoveInterestCommand } from '../../../application/commands/remove-interest/remove-interest.handler';
import { ListInterestsQuery } from '../../../application/queries/list-interests/list-interests.handler';
import type { Caller } from '../../../application/services';
import { FlightsErrorCode, invalid } from '../../../domain';
import { FlightsAuth } from './auth-headers';
import { FlightsCaller, FlightsCallerGuard } from './flights-caller.guard';
import { P } from './problems';
import { INTERESTS_UPDATED, MessageView, SaveInterestsDto, TrackedAirportsView, interestView } from './views';

@ApiTags('flights')
@Controller('interests')
@FlightsAuth()
@UseGuards(FlightsCallerGuard)
export class InterestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Track airports (add or update interests with optional alert thresholds)' })
  @ApiBody({ type: SaveInterestsDto })
  @ApiOkResponse({ type: MessageView, description: 'Seed 000\'s answer: `{message: "Interests updated successfully"}`' })
  @ApiProblems(P.badRequest, P.badCode, P.badThreshold, P.thresholdOrder)
  async save(@Body() body: unknown, @FlightsCaller() caller: Caller): Promise<MessageView> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid(FlightsErrorCode.InvalidRequest, 'the body must be a JSON object {interests: [...]}');
    await this.commands.execute(new SaveInterestsCommand(caller.email, (body as { interests?: unknown }).interests));
    return { message: INTERESTS_UPDATED };
  }

  @Get()
  @ApiOperation({ summary: 'The airports the caller tracks' })
  @ApiOkResponse({ type: TrackedAirportsView })
  async list(@FlightsCaller() caller: Caller): Promise<TrackedAirportsView> {
    const interests = await this.queries.execute(new ListInterestsQuery(caller.email));
    return { tracked_airports: interests.map(interestView) };
  }

  @Delete(':code')
  @ApiOperation({ summary: 'Stop tracking an airport (code is case-insensitive)' })
  @ApiParam({ name: 'code', example: 'LIRF', schema: { type: 'string', pattern: '^[A-Za-z]{4}$' } })
  @ApiOkResponse({ type: MessageView })
  @ApiProblems(P.badCode, P.noInterest)
  async remove(@Param('code') code: string, @FlightsCaller() caller: Caller): Promise<MessageView> {
    const removed = await this.commands.execute(new RemoveInterestCommand(caller.email, code));
    return { message: `Interest in ${removed} removed` };
  }
}
