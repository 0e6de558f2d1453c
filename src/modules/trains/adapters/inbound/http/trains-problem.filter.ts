import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { trace } from '@opentelemetry/api';
import { isDomainError } from '@libs/kernel';
import { LOGGER, PinoLogger, toProblem } from '@libs/platform';

/** problem+json as everywhere, except that a declined payment is 402 Payment Required (no error category maps to it). */
@Catch()
export class TrainsProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: PinoLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.url.split('?')[0], trace.getActiveSpan()?.spanContext().traceId);
    if (isDomainError(error) && error.code === 'TRAINS.PAYMENT_DECLINED') {
      problem.body.status = 402;
      problem.body.title = 'Payment Required';
    }
    if (problem.unexpected) this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
    if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(Math.max(1, Math.ceil(problem.retryAfterSeconds))));
    void reply.status(problem.body.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem.body);
  }
}
