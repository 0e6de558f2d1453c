import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdentityFacade } from '@libs/contracts';
import { DomainError } from '@libs/kernel';
import { AUTHENTICATED_USER } from './current-user.decorator';
import { routeAccess } from './route-access';

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i;
const MAX_TOKEN_LENGTH = 4096;

/**
 * The global guard (APP_GUARD): `@Public()` routes pass; `@Authenticated()` routes need a bearer access token that the
 * IdentityFacade accepts — the local one when identity runs in this process, the gRPC client otherwise (an identity
 * that is down answers 503, not 401). A route with neither marker is refused (RouteAccessCheck stops such a process
 * from booting, so this is only a safety net). Non-HTTP contexts (gRPC, protected by mTLS) are not its business.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private facade?: IdentityFacade | null;

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = routeAccess(this.reflector, context.getHandler(), context.getClass());
    if (access === 'public') return true;
    if (access === undefined) {
      throw new DomainError('AUTH.ROUTE_NOT_CLASSIFIED', 'internal', `${context.getClass().name}.${context.getHandler().name} is neither @Public() nor @Authenticated()`);
    }
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & Record<string, unknown>>();
    const reply = http.getResponse<FastifyReply>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' && header.length <= MAX_TOKEN_LENGTH + 16 ? BEARER.exec(header) : null;
    if (!match) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new DomainError('AUTH.TOKEN_MISSING', 'unauthorized', 'this route needs an access token: Authorization: Bearer <token>');
    }
    const facade = this.identity();
    if (!facade) throw DomainError.unavailable('AUTH.NO_IDENTITY', 'no identity facade is bound in this process');
    const user = await facade.verifyAccessToken(match[1]);
    if (!user) {
      reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new DomainError('AUTH.TOKEN_INVALID', 'unauthorized', 'the access token is invalid or expired');
    }
    request[AUTHENTICATED_USER] = user;
    return true;
  }

  private identity(): IdentityFacade | null {
    if (this.facade === undefined) this.facade = resolveIdentityFacade(this.moduleRef);
    return this.facade;
  }
}

/** The IdentityFacade bound anywhere in the app (identity's local one or the remote gRPC client), or null. */
export function resolveIdentityFacade(moduleRef: ModuleRef): IdentityFacade | null {
  try {
    return moduleRef.get(IdentityFacade, { strict: false });
  } catch {
    return null;
  }
}
