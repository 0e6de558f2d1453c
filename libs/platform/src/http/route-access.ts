import type { Reflector } from '@nestjs/core';
import { IS_AUTHENTICATED } from './authenticated.decorator';
import { IS_PUBLIC } from './public.decorator';

export type RouteAccess = 'public' | 'authenticated';

/** The marker closest to the handler wins (a `@Public()` method in an `@Authenticated()` controller is public). */
export function routeAccess(reflector: Reflector, handler: object, controller: object): RouteAccess | undefined {
  for (const target of [handler, controller]) {
    const isPublic = reflector.get<boolean | undefined>(IS_PUBLIC, target as never) === true;
    const isAuthenticated = reflector.get<boolean | undefined>(IS_AUTHENTICATED, target as never) === true;
    if (isPublic && isAuthenticated) return undefined;
    if (isPublic) return 'public';
    if (isAuthenticated) return 'authenticated';
  }
  return undefined;
}
