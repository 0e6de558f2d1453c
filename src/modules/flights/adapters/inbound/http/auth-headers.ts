import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader } from '@nestjs/swagger';
import { ApiProblems, Public } from '@libs/platform';
import { AUTH_PROBLEMS } from './problems';

/**
 * Public to the platform's bearer-only guard; FlightsCallerGuard (applied on the controller) authenticates with a
 * bearer token or the original's email/password headers.
 */
export const FlightsAuth = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    Public(),
    ApiBearerAuth(),
    ApiHeader({ name: 'email', required: false, description: "Seed 000 compatibility: the caller's email (with password, instead of a bearer token)" }),
    ApiHeader({ name: 'password', required: false, description: "Seed 000 compatibility: the caller's password, checked with identity's VerifyCredentials" }),
    ApiProblems(...AUTH_PROBLEMS),
    // Header passwords go through identity's credentials throttle like every other login (issue 13 finding 1).
    ApiProblems({ status: 429, code: 'IDENTITY.TOO_MANY_ATTEMPTS', detail: 'too many failed attempts; try again later', summary: 'failed header logins per account or per IP exceeded (see Retry-After)' }),
  ) as ClassDecorator & MethodDecorator;
