import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trace } from '@opentelemetry/api';
import { DomainError, isDomainError } from '@libs/kernel';
import { LOGGER, PinoLogger, toProblem } from '@libs/platform';

/**
 * Seed 002's clients read `error` from error bodies and know 400 (not 422) for bad input. This filter, bound to the
 * seed-compatibility controller only, keeps problem+json but adds the `error` member and reports field problems as
 * 400. It also catches the AuthGuard's 401s, which run before any interceptor.
 */
@Catch()
export class SeedErrorShapeFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: PinoLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const shaped = isDomainError(error) && error.category === 'unprocessable' ? new DomainError(error.code, 'invalid', error.message, { details: error.details, cause: error }) : error;
    const problem = toProblem(shaped, request.url.split('?')[0], trace.getActiveSpan()?.spanContext().traceId);
    if (problem.unexpected) this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
    void reply
      .status(problem.body.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send({ ...problem.body, error: problem.body.detail });
  }
}
