import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { AuthenticatedUser } from '@libs/contracts';

/** Where AuthGuard puts the verified caller on the request. */
export const AUTHENTICATED_USER = 'junctionUser';

/** The caller of an `@Authenticated()` route, as verified by AuthGuard. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedUser | undefined => {
  const request = ctx.switchToHttp().getRequest<Record<string, unknown>>();
  return request[AUTHENTICATED_USER] as AuthenticatedUser | undefined;
});
