import { Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@libs/kernel';
import { ApiProblems, optionalIntegerQuery } from '@libs/platform';
import { CollectTrafficCommand, CollectionReport } from '../../../application/commands/collect-traffic/collect-traffic.handler';
import { ListAlertsQuery } from '../../../application/queries/list-alerts/list-alerts.handler';
import type { Caller } from '../../../application/services';
import { FlightsErrorCode } from '../../../domain';
import { FlightsAuth } from './auth-headers';
import { FlightsCaller, FlightsCallerGuard } from './flights-caller.guard';
import { P } from './problems';
import { AlertView, alertView } from './views';

@ApiTags('flights')
@Controller()
@FlightsAuth()
@UseGuards(FlightsCallerGuard)
export class CollectorController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('collector/runs')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: run a collection cycle now and report it (the original needed a container restart)' })
  @ApiProblems(P.adminOnly, P.inProgress)
  async run(@FlightsCaller() caller: Caller): Promise<CollectionReport> {
    if (!caller.roles.includes('admin')) throw new DomainError(FlightsErrorCode.AdminOnly, 'forbidden', 'forcing a collection needs an admin access token');
    return this.commands.execute(new CollectTrafficCommand('manual'));
  }

  @Get('alerts')
  @ApiOperation({ summary: "The caller's threshold alerts, newest first" })
  @ApiQuery({ name: 'limit', required: false, example: 50, description: '1..500, default 50', schema: optionalIntegerQuery(1, 500) })
  @ApiOkResponse({ type: [AlertView] })
  @ApiProblems(P.badLimit)
  async alerts(@Query('limit') limit: unknown, @FlightsCaller() caller: Caller): Promise<AlertView[]> {
    return (await this.queries.execute(new ListAlertsQuery(caller.email, limit))).map(alertView);
  }
}
