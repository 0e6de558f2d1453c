import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@libs/kernel';
import { FlightsErrorCode } from '../../../domain';
import { Caller, CallerAuthenticator } from '../../../application/services';

const CALLER = 'flightsCaller';
const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,4096})\s*$/i;
const MAX_HEADER = 1024;

/**
 * flights' routes accept a bearer access token, or — for the original's clients — `email` + `password` headers
 * checked with identity's VerifyCredentials. The platform guard only knows bearer tokens, so these routes are
 * `@Public()` to it and protected by this guard instead (every route of flights' controllers uses it).
 */
@Injectable()
export class FlightsCallerGuard implements CanActivate {
  constructor(private readonly authenticator: CallerAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & Record<string, unknown>>();
    const header = request.headers.authorization;
    const email = request.headers.email;
    const password = request.headers.password;
    let caller: Caller;
    if (typeof header === 'string' && header.trim() !== '') {
      const match = BEARER.exec(header);
      if (!match) throw this.unauthenticated(http.getResponse<FastifyReply>(), 'the Authorization header must be "Bearer <access token>"');
      caller = await this.authenticator.fromToken(match[1]);
    } else if (typeof email === 'string' && typeof password === 'string' && email.trim() !== '' && password !== '' && email.length <= MAX_HEADER && password.length <= MAX_HEADER) {
      caller = await this.authenticator.fromPassword(email, password, request.ip);
    } else {
      throw this.unauthenticated(http.getResponse<FastifyReply>(), 'send Authorization: Bearer <access token> (or the email and password headers)');
    }
    request[CALLER] = caller;
    return true;
  }

  private unauthenticated(reply: FastifyReply, message: string): DomainError {
    reply.header('WWW-Authenticate', 'Bearer');
    return new DomainError(FlightsErrorCode.Unauthenticated, 'unauthorized', message);
  }
}

/** The caller FlightsCallerGuard verified. */
export const FlightsCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<Record<string, unknown>>()[CALLER] as Caller;
});
