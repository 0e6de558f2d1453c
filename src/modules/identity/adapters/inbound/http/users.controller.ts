import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '@libs/contracts';
import { DomainError, isDomainError } from '@libs/kernel';
import { ApiProblems, Authenticated, CurrentUser, Public } from '@libs/platform';
import { DeleteUserCommand } from '../../../application/commands/delete-user/delete-user.command';
import { RegisterUserCommand } from '../../../application/commands/register-user/register-user.command';
import { GetUserByEmailQuery } from '../../../application/queries/get-user-by-email/get-user-by-email.query';
import { AtMostOnceInterceptor, AtMostOnceRoute } from './at-most-once.interceptor';
import { DeleteUserDto, RegisterUserDto, RegisteredUserView, UserEnvelope } from './dto';
import { P } from './problems';
import { EMAIL_PROPERTY } from './schema-patterns';
import { JsonObjectPipe, strictBody } from './validation';
import { IdentityErrorCode } from '../../../domain';
import { registeredUserView, userEnvelope } from './views';

const REQUEST_ID_HEADER = {
  name: 'X-Request-ID',
  required: true,
  description: 'Makes the request at-most-once (or send Idempotency-Key): a retry with the same id and body gets the stored response, byte for byte, for 24 h',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$', example: '7d3f9a2e-reg-0001' },
} as const;

/**
 * Seed 000's User Manager answered these routes' errors with its own details ("User already exists", "User not found",
 * "Invalid password"), which its clients show; same codes and statuses, the original's text.
 */
const SEED_000_DETAILS: Readonly<Record<string, string>> = {
  [IdentityErrorCode.EmailTaken]: 'User already exists',
  [IdentityErrorCode.UserNotFound]: 'User not found',
  [IdentityErrorCode.InvalidCredentials]: 'Invalid password',
};

async function withSeedDetails<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const detail = isDomainError(error) ? SEED_000_DETAILS[error.code] : undefined;
    if (!isDomainError(error) || detail === undefined) throw error;
    throw new DomainError(error.code, error.category, detail, { details: error.details, retryAfterSeconds: error.retryAfterSeconds, cause: error });
  }
}

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
  @HttpCode(200)
  @AtMostOnceRoute({ required: true })
  @ApiOperation({
    summary: 'Register an account (at most once per X-Request-ID)',
    description:
      "Seed 000's route and shape: 200 `{user: {...}}`. Payment card fields (`card_number`, `expiration_date`, `cvv`) are accepted and discarded — never stored, never returned — and the response then lists them in `ignored_fields` with a `notice`.",
  })
  @ApiHeader(REQUEST_ID_HEADER)
  @ApiBody({ type: RegisterUserDto })
  @ApiOkResponse({ type: RegisteredUserView, description: 'The account (never the password or its hash). A replay answers the same, with Idempotent-Replayed: true.' })
  @ApiProblems(P.validation, P.malformedJson, P.missingField, P.keyRequired, P.keyInvalid, P.userExists, P.phoneTaken, P.inProgress, P.bodyTooLarge, P.invalidEmail, P.invalidName, P.invalidPhone, P.weakPassword, P.keyReused, P.tooManyRegistrations, P.overloaded, P.storeDown)
  async register(@Body(new JsonObjectPipe(), strictBody) body: RegisterUserDto, @Req() request: FastifyRequest): Promise<RegisteredUserView> {
    const user = await withSeedDetails(() =>
      this.commands.execute(
        new RegisterUserCommand({ email: body.email, password: body.password, firstName: body.first_name, lastName: body.last_name, phoneNumber: body.phone_number, clientIp: request.ip }),
      ),
    );
    return registeredUserView(user, body as unknown as Record<string, unknown>);
  }

  @Get(':email')
  @Authenticated()
  @ApiOperation({ summary: "An account, for its owner's token (or an admin's)" })
  @ApiParam({ name: 'email', example: 'ada@example.com', schema: EMAIL_PROPERTY })
  @ApiOkResponse({ type: UserEnvelope, description: "Seed 000's shape: `{user: {...}}`" })
  @ApiProblems(P.forbidden, P.userNotFound, P.invalidEmail, P.storeDown)
  async get(@Param('email') email: string, @CurrentUser() requester: AuthenticatedUser): Promise<UserEnvelope> {
    return userEnvelope(await withSeedDetails(() => this.queries.execute(new GetUserByEmailQuery(email, requester))));
  }

  @Delete(':email')
  @Public()
  @HttpCode(204)
  @AtMostOnceRoute({ required: true })
  @ApiOperation({
    summary: 'Delete an account; the password is the credential (at most once per X-Request-ID)',
    description: 'Publishes identity.user-deleted.v1 and revokes every refresh token of the account. Failed passwords count towards the login limits.',
  })
  @ApiParam({ name: 'email', example: 'ada@example.com', schema: EMAIL_PROPERTY })
  @ApiHeader(REQUEST_ID_HEADER)
  @ApiBody({ type: DeleteUserDto })
  @ApiNoContentResponse({ description: 'Deleted (a replay answers 204 again, with Idempotent-Replayed: true)' })
  @ApiProblems(P.validation, P.malformedJson, P.missingField, P.keyRequired, P.keyInvalid, P.invalidPassword, P.userNotFound, P.inProgress, P.invalidEmail, P.keyReused, P.throttled, P.overloaded, P.storeDown)
  async delete(@Param('email') email: string, @Body(new JsonObjectPipe(), strictBody) body: DeleteUserDto, @Req() request: FastifyRequest): Promise<void> {
    await withSeedDetails(() => this.commands.execute(new DeleteUserCommand({ email, password: body.password, clientIp: request.ip })));
  }
}
