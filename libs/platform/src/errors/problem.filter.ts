import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { throwError } from 'rxjs';
import { sendProblem } from './send-problem';
import { toGrpcError } from './grpc-error.filter';

export { sendProblem };

/** The HTTP edge: every error leaving a controller becomes RFC 9457 problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): unknown {
    // Nest hands an error to the first matching global filter whatever the transport: gRPC errors get gRPC statuses.
    if (host.getType() === 'rpc') {
      const payload = toGrpcError(error);
      if (payload.code === 13) this.logger.error({ err: error }, 'unhandled gRPC error');
      return throwError(() => payload);
    }
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
    return undefined;
  }
}
