import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '@libs/contracts';
import { ApiProblems, Authenticated, CurrentUser, Public } from '@libs/platform';
import { DeleteUserCommand } from '../../../application/commands/delete-user/delete-user.command';
import { RegisterUserCommand } from '../../../application/commands/register-user/register-user.command';
import { GetUserByEmailQuery } from '../../../application/queries/get-user-by-email/get-user-by-email.query';
import { AtMostOnceInterceptor, AtMostOnceRoute } from './at-most-once.interceptor';
import { DeleteUserDto, RegisterUserDto, UserView } from './dto';
import { P } from './problems';
import { JsonObjectPipe, strictBody } from './validation';
import { userView } from './views';

const REQUEST_ID_HEADER = {
  name: 'X-Request-ID',
  required: true,
  description: 'Makes the request at-most-once (or send Idempotency-Key): a retry with the same id and body gets the stored response, byte for byte, for 24 h',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$', example: '7d3f9a2e-reg-0001' },
} as const;

@ApiTags('identity')
@Controller('users')
@UseInterceptors(AtMostOnceInterceptor)
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Public()
  @HttpCode(201)
  @AtMostOnceRoute({ required: true })
  @ApiOperation({ summary: 'Register an account (at most once per X-Request-ID)' })
  @ApiHeader(REQUEST_ID_HEADER)
  @ApiBody({ type: RegisterUserDto })
  @ApiCreatedResponse({ type: UserView, description: 'The account (never the password or its hash). A replay answers the same, with Idempotent-Replayed: true.' })
  @ApiProblems(P.validation, P.malformedJson, P.missingField, P.keyRequired, P.keyInvalid, P.emailTaken, P.phoneTaken, P.inProgress, P.bodyTooLarge, P.invalidEmail, P.invalidName, P.invalidPhone, P.weakPassword, P.keyReused, P.tooManyRegistrations, P.overloaded, P.storeDown)
  async register(@Body(new JsonObjectPipe(), strictBody) body: RegisterUserDto, @Req() request: FastifyRequest): Promise<UserView> {
    const user = await this.commands.execute(
      new RegisterUserCommand({ email: body.email, password: body.password, firstName: body.first_name, lastName: body.last_name, phoneNumber: body.phone_number, clientIp: request.ip }),
    );
    return userView(user);
  }

  @Get(':email')
  @Authenticated()
  @ApiOperation({ summary: "An account, for its owner's token (or an admin's)" })
  @ApiParam({ name: 'email', example: 'ada@example.com' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(P.forbidden, P.notFound, P.invalidEmail, P.storeDown)
  async get(@Param('email') email: string, @CurrentUser() requester: AuthenticatedUser): Promise<UserView> {
    return userView(await this.queries.execute(new GetUserByEmailQuery(email, requester)));
  }

  @Delete(':email')
  @Public()
  @HttpCode(204)
  @AtMostOnceRoute({ required: true })
  @ApiOperation({
    summary: 'Delete an account; the password is the credential (at most once per X-Request-ID)',
    description: 'Publishes identity.user-deleted.v1 and revokes every refresh token of the account. Failed passwords count towards the login limits.',
  })
  @ApiParam({ name: 'email', example: 'ada@example.com' })
  @ApiHeader(REQUEST_ID_HEADER)
  @ApiBody({ type: DeleteUserDto })
  @ApiNoContentResponse({ description: 'Deleted (a replay answers 204 again, with Idempotent-Replayed: true)' })
  @ApiProblems(P.validation, P.malformedJson, P.missingField, P.keyRequired, P.keyInvalid, P.invalidCredentials, P.notFound, P.inProgress, P.invalidEmail, P.keyReused, P.throttled, P.overloaded, P.storeDown)
  async delete(@Param('email') email: string, @Body(new JsonObjectPipe(), strictBody) body: DeleteUserDto, @Req() request: FastifyRequest): Promise<void> {
    await this.commands.execute(new DeleteUserCommand({ email, password: body.password, clientIp: request.ip }));
  }
}
