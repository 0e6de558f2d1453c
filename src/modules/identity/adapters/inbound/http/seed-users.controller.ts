import { Body, Controller, Get, HttpCode, Param, Post, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '@libs/contracts';
import { ApiProblems, Authenticated, CurrentUser, Public } from '@libs/platform';
import { LogInCommand } from '../../../application/commands/log-in/log-in.command';
import { RegisterPhoneUserCommand } from '../../../application/commands/register-phone-user/register-phone-user.command';
import { GetUserByIdQuery } from '../../../application/queries/get-user-by-id/get-user-by-id.query';
import { missingField, userNotFound } from '../../../domain';
import { AtMostOnceInterceptor, AtMostOnceRoute } from './at-most-once.interceptor';
import { SeedLoginDto, SeedRegisterDto, SeedSessionView, SeedUserEnvelope } from './dto';
import { P } from './problems';
import { SeedErrorShapeFilter } from './seed-error-shape.filter';
import { JsonObjectPipe } from './validation';
import { seedUserView } from './views';

const withError = <T extends { extra?: Record<string, unknown>; detail: string; status: number }>(p: T) => ({ ...p, status: p.status === 422 ? 400 : p.status, extra: { ...(p.extra ?? {}), error: p.detail } });

/**
 * Seed 002 (auth-service) routes, for its clients and tests: same paths and body shapes; errors are problem+json with
 * the `error` member those clients read. Never returns password hashes (the original did).
 */
@ApiTags('identity (seed 002 compatibility)')
@Controller('api/user')
@UseFilters(SeedErrorShapeFilter)
@UseInterceptors(AtMostOnceInterceptor)
export class SeedUsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('register')
  @Public()
  @HttpCode(201)
  @AtMostOnceRoute({ required: false })
  @ApiOperation({ summary: 'Register with name, phone number and password (seed 002); at most once when X-Request-ID or Idempotency-Key is sent' })
  @ApiBody({ type: SeedRegisterDto })
  @ApiCreatedResponse({ type: SeedSessionView })
  @ApiProblems(...[P.missingField, P.malformedJson, P.invalidName, P.invalidPhone, P.weakPassword, P.phoneTaken, P.inProgress, P.tooManyRegistrations, P.overloaded, P.storeDown].map(withError))
  async register(@Body(new JsonObjectPipe()) body: Record<string, unknown>, @Req() request: FastifyRequest): Promise<SeedSessionView> {
    const { user, accessToken } = await this.commands.execute(new RegisterPhoneUserCommand({ name: body.name, phoneNumber: body.phone_number, password: body.password, clientIp: request.ip }));
    return { user: seedUserView(user), webToken: accessToken.token };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with phone number and password (seed 002): 404 for an unknown phone, 401 for a wrong password' })
  @ApiBody({ type: SeedLoginDto })
  @ApiOkResponse({ type: SeedSessionView })
  @ApiProblems(...[P.missingField, P.malformedJson, P.invalidPhone, P.invalidCredentials, P.notFound, P.throttled, P.overloaded, P.storeDown].map(withError))
  async login(@Body(new JsonObjectPipe()) body: Record<string, unknown>, @Req() request: FastifyRequest): Promise<SeedSessionView> {
    const missing = ['phone_number', 'password'].filter((f) => body[f] === undefined || body[f] === null || body[f] === '');
    if (missing.length > 0) throw missingField(missing[0], `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`);
    const session = await this.commands.execute(new LogInCommand({ phoneNumber: body.phone_number, password: body.password, clientIp: request.ip, revealUnknownAccount: true }));
    return { user: seedUserView(session.user), webToken: session.accessToken };
  }

  @Get('validate/:id')
  @Authenticated()
  @ApiOperation({ summary: "Validate a user id (seed 002): the account, for its owner's token (or an admin's)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: SeedUserEnvelope })
  @ApiProblems(...[P.forbidden, P.notFound, P.storeDown].map(withError))
  validate(@Param('id') id: string, @CurrentUser() requester: AuthenticatedUser): Promise<SeedUserEnvelope> {
    return this.byId(id, requester);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: "A user by id (seed 002), for its owner's token (or an admin's)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: SeedUserEnvelope })
  @ApiProblems(...[P.forbidden, P.notFound, P.storeDown].map(withError))
  get(@Param('id') id: string, @CurrentUser() requester: AuthenticatedUser): Promise<SeedUserEnvelope> {
    return this.byId(id, requester);
  }

  private async byId(id: string, requester: AuthenticatedUser): Promise<SeedUserEnvelope> {
    const user = await this.queries.execute(new GetUserByIdQuery(id, requester));
    if (!user) throw userNotFound();
    return { user: seedUserView(user) };
  }
}
