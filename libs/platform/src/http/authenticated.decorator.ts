import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from './api-problem.decorator';

export const IS_AUTHENTICATED = 'junction:isAuthenticated';

/**
 * Marks a route (or controller) as requiring a valid access token (`Authorization: Bearer …`), verified by the global
 * AuthGuard through the IdentityFacade. Every HTTP route must carry this or `@Public()`: boot fails otherwise.
 */
export const Authenticated = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    SetMetadata(IS_AUTHENTICATED, true),
    ApiBearerAuth(),
    ApiProblems(
      { status: 401, code: 'AUTH.TOKEN_MISSING', detail: 'this route needs an access token: Authorization: Bearer <token>' },
      { status: 401, code: 'AUTH.TOKEN_INVALID', detail: 'the access token is invalid or expired' },
    ),
  ) as ClassDecorator & MethodDecorator;
