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
import { SeedLoginDto, SeedRegisterDto } from './dto';
import { P } from './problems';
import { ApiSeed002Errors, SeedErrorShapeFilter } from './seed-error-shape.filter';
import { Seed002Registered, Seed002Session, Seed002User, Seed002UserEnvelope, seed002User } from './seed-users.dto';
import { JsonObjectPipe } from './validation';

/** Field problems are 400 on these routes (SeedErrorShapeFilter), as the original's clients know. */
const as400 = <T extends { status: number }>(p: T) => ({ ...p, status: p.status === 422 ? 400 : p.status });

/**
 * Seed 002 (auth-service) routes, for its clients and tests: same paths, body shapes, statuses and texts; errors are
 * `application/json` `{error, code}`. Never returns password hashes (the original did).
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

  @ApiSeed002Errors('register')
  @Post('register')
  @Public()
  @HttpCode(201)
  @AtMostOnceRoute({ required: false })
  @ApiOperation({ summary: 'Register with name, phone number and password (seed 002); at most once when X-Request-ID or Idempotency-Key is sent' })
  @ApiBody({ type: SeedRegisterDto })
  @ApiCreatedResponse({ type: Seed002Registered })
  @ApiProblems(...[P.missingField, P.malformedJson, P.invalidName, P.invalidPhone, P.weakPassword, P.phoneTaken, P.inProgress, P.tooManyRegistrations, P.overloaded, P.storeDown].map(as400))
  async register(@Body(new JsonObjectPipe()) body: Record<string, unknown>, @Req() request: FastifyRequest): Promise<Seed002Registered> {
    const { user, accessToken } = await this.commands.execute(new RegisterPhoneUserCommand({ name: body.name, phoneNumber: body.phone_number, password: body.password, clientIp: request.ip }));
    const view = seed002User(user);
    return { name: view.name, user: view, webToken: accessToken.token };
  }

  @ApiSeed002Errors('login')
  @Post('login')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Log in with phone number and password (seed 002): 201 as the original; 404 for an unknown phone, 401 for a wrong password' })
  @ApiBody({ type: SeedLoginDto })
  @ApiCreatedResponse({ type: Seed002Session })
  @ApiProblems(...[P.missingField, P.malformedJson, P.invalidPhone, P.invalidCredentials, P.notFound, P.throttled, P.overloaded, P.storeDown].map(as400))
  async login(@Body(new JsonObjectPipe()) body: Record<string, unknown>, @Req() request: FastifyRequest): Promise<Seed002Session> {
    const missing = ['phone_number', 'password'].filter((f) => body[f] === undefined || body[f] === null || body[f] === '');
    if (missing.length > 0) throw missingField(missing[0], `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`);
    const session = await this.commands.execute(new LogInCommand({ phoneNumber: body.phone_number, password: body.password, clientIp: request.ip, revealUnknownAccount: true }));
    return { user: seed002User(session.user), webToken: session.accessToken };
  }

  @ApiSeed002Errors('other')
  @Get('validate/:id')
  @Authenticated()
  @ApiOperation({ summary: "Validate a user id (seed 002): the account, for its owner's token (or an admin's)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: Seed002UserEnvelope })
  @ApiProblems(P.forbidden, P.notFound, P.storeDown)
  async validate(@Param('id') id: string, @CurrentUser() requester: AuthenticatedUser): Promise<Seed002UserEnvelope> {
    return { user: await this.byId(id, requester) };
  }

  @ApiSeed002Errors('other')
  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: "A user by id (seed 002): the bare row as the original answered, for its owner's token (or an admin's)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: Seed002User })
  @ApiProblems(P.forbidden, P.notFound, P.storeDown)
  get(@Param('id') id: string, @CurrentUser() requester: AuthenticatedUser): Promise<Seed002User> {
    return this.byId(id, requester);
  }

  private async byId(id: string, requester: AuthenticatedUser): Promise<Seed002User> {
    const user = await this.queries.execute(new GetUserByIdQuery(id, requester));
    if (!user) throw userNotFound();
    return seed002User(user);
  }
}
