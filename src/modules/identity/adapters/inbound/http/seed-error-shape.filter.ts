import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trace } from '@opentelemetry/api';
import { isDomainError } from '@libs/kernel';
import { LOGGER, PinoLogger, toProblem } from '@libs/platform';
import { IdentityErrorCode } from '../../../domain';

/**
 * The auth-service's own texts for the errors its clients show; every other error keeps Junction's detail.
 * Keyed by code, then by the route's last segment where the original's text differed per route.
 */
const SEED_002_TEXTS: Readonly<Record<string, string | Readonly<Record<string, string>>>> = {
  [IdentityErrorCode.MissingField]: 'All fields are required',
  [IdentityErrorCode.PhoneTaken]: 'Phone number is already in use',
  [IdentityErrorCode.InvalidCredentials]: 'Invalid credentials',
  [IdentityErrorCode.UserNotFound]: { login: 'No such phone number found', other: 'No such id found' },
};

export function seed002Text(code: string, route: 'register' | 'login' | 'other', detail: string): string {
  const text = SEED_002_TEXTS[code];
  if (text === undefined) return detail;
  return typeof text === 'string' ? text : (text[route] ?? text.other ?? detail);
}

function routeOf(path: string): 'register' | 'login' | 'other' {
  return path.endsWith('/register') ? 'register' : path.endsWith('/login') ? 'login' : 'other';
}

/**
 * Seed 002's clients read `error` from error bodies and know 400 (not 422) for bad input. This filter, bound to the
 * seed-compatibility controller only, answers `application/json` `{error, code}` as the original's `{error}` (plus
 * Junction's stable code), reports field problems as 400 and uses the original's texts (SEED_002_TEXTS). It also
 * catches the AuthGuard's 401s, which run before any interceptor.
 */
@Catch()
export class SeedErrorShapeFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: PinoLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = request.url.split('?')[0];
    const problem = toProblem(error, path, trace.getActiveSpan()?.spanContext().traceId);
    if (problem.unexpected) this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
    const status = isDomainError(error) && error.category === 'unprocessable' ? 400 : problem.body.status;
    void reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ error: seed002Text(problem.body.code, routeOf(path), problem.body.detail), code: problem.body.code });
  }
}

const API_RESPONSE_METADATA = 'swagger/apiResponse'; // @nestjs/swagger's DECORATORS.API_RESPONSE

export const SEED_002_ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'code'],
  properties: {
    error: { type: 'string', example: 'Phone number is already in use' },
    code: { type: 'string', description: 'Stable error code; clients may switch on it', example: 'IDENTITY.PHONE_TAKEN' },
  },
} as const;

type Responses = Record<string, { description?: string; content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: Record<string, unknown> } & Record<string, unknown>> }> }>;

/**
 * Documents a seed 002 route's errors as SeedErrorShapeFilter sends them: `application/json` `{error, code}`, 422s
 * as 400, with the original's texts. Put it first (outermost), above `@ApiProblems` and `@Authenticated`. Errors of the
 * HTTP edge (unparsable body, 413, 415) stay problem+json (bootstrap's describeEdgeResponses adds those).
 */
export function ApiSeed002Errors(route: 'register' | 'login' | 'other'): MethodDecorator {
  return (_target, _key, descriptor) => {
    const holder = descriptor.value as object;
    const responses = (Reflect.getMetadata(API_RESPONSE_METADATA, holder) as Responses | undefined) ?? {};
    for (const [status, response] of Object.entries(responses)) {
      const problem = response.content?.['application/problem+json'];
      if (Number(status) < 400 || !problem) continue;
      const examples = Object.fromEntries(
        Object.entries(problem.examples ?? {}).map(([code, example]) => {
          const c = String(example.value?.code ?? code);
          return [code, { ...example, value: { error: seed002Text(c, route, String(example.value?.detail ?? '')), code: c } }];
        }),
      );
      response.content = { 'application/json': { schema: SEED_002_ERROR_SCHEMA, examples } };
    }
    Reflect.defineMetadata(API_RESPONSE_METADATA, responses, holder);
  };
}
