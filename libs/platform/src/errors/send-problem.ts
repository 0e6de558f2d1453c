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
