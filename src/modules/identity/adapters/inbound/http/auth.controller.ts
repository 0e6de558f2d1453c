import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems, Public } from '@libs/platform';
import { LogInCommand } from '../../../application/commands/log-in/log-in.command';
import { LogOutCommand } from '../../../application/commands/log-out/log-out.command';
import { RefreshSessionCommand } from '../../../application/commands/refresh-session/refresh-session.command';
import { LoginDto, RefreshTokenDto } from './auth.dto';
import { SessionView } from './dto';
import { P } from './problems';
import { JsonObjectPipe, strictBody } from './validation';
import { sessionView } from './views';

@ApiTags('identity')
@Controller('auth')
@Public()
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with email or phone number and password',
    description: 'Unknown account and wrong password both answer 401 IDENTITY.INVALID_CREDENTIALS, in the same time. Failed attempts are limited per account and per client IP (429 + Retry-After).',
  })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(P.validation, P.malformedJson, P.missingField, P.invalidCredentials, P.invalidEmail, P.invalidPhone, P.throttled, P.overloaded, P.storeDown)
  async login(@Body(new JsonObjectPipe(), strictBody) body: LoginDto, @Req() request: FastifyRequest): Promise<SessionView> {
    return sessionView(await this.commands.execute(new LogInCommand({ email: body.email, phoneNumber: body.phone_number, password: body.password, clientIp: request.ip })));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token stops working; reusing it revokes the session family)' })
  @ApiBody({ type: RefreshTokenDto })
  @ApiOkResponse({ type: SessionView })
  @ApiProblems(P.validation, P.malformedJson, P.invalidRefresh, P.refreshReused, P.storeDown)
  async refresh(@Body(new JsonObjectPipe(), strictBody) body: RefreshTokenDto): Promise<SessionView> {
    return sessionView(await this.commands.execute(new RefreshSessionCommand(body.refresh_token)));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke the refresh token's session family (access tokens expire on their own within their lifetime)" })
  @ApiBody({ type: RefreshTokenDto })
  @ApiNoContentResponse({ description: 'Logged out (also for an unknown or already revoked token)' })
  @ApiProblems(P.validation, P.malformedJson, P.invalidRefresh, P.storeDown)
  async logout(@Body(new JsonObjectPipe(), strictBody) body: RefreshTokenDto): Promise<void> {
    await this.commands.execute(new LogOutCommand(body.refresh_token));
  }
}
