import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { toProblem } from './problem';

/** Sends a problem as application/problem+json (shared by the Nest filter and Fastify's own error hooks). */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  const problem = toProblem(error, request.url.split('?')[0], traceId);
  if (problem.unexpected) logger.error({ err: error, requestId: request.id }, 'unhandled error');
  if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
  reply.status(problem.body.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem.body);
}

/** The HTTP edge: every error leaving a controller becomes RFC 9457 problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
