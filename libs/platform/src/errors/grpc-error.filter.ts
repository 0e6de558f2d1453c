import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { isDomainError } from '@libs/kernel';
import type { Logger } from 'pino';
import { GRPC_STATUS_BY_CATEGORY } from './error-mapping';
import { sendProblem } from './send-problem';

export interface GrpcErrorPayload {
  code: GrpcStatus;
  message: string;
  /** Trailers: `retry-after` (seconds) when the error says how long to wait. */
  metadata?: Metadata;
}

/** Maps any error to a gRPC status; the message carries the stable code so clients can switch on it. */
export function toGrpcError(error: unknown): GrpcErrorPayload {
  if (isDomainError(error)) {
    const payload: GrpcErrorPayload = { code: GRPC_STATUS_BY_CATEGORY[error.category], message: `${error.code}: ${error.message}` };
    if (error.retryAfterSeconds !== undefined) {
      payload.metadata = new Metadata();
      payload.metadata.set('retry-after', String(error.retryAfterSeconds));
    }
    return payload;
  }
  if (error instanceof RpcException) {
    const e = error.getError();
    if (typeof e === 'object' && e !== null && 'code' in e) return e as GrpcErrorPayload;
    return { code: GrpcStatus.UNKNOWN, message: String(e) };
  }
  return { code: GrpcStatus.INTERNAL, message: 'INTERNAL: unexpected error' };
}

/**
 * The gRPC edge of Nest microservices controllers. It is registered as a global filter (bootstrap's startGrpc), and
 * Nest hands each error to the first matching global filter whatever the transport, so HTTP errors that reach it are
 * answered as problem+json exactly as ProblemDetailsFilter would.
 */
@Catch()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): Observable<never> {
    if (host.getType() === 'http') {
      const http = host.switchToHttp();
      sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
      return undefined as unknown as Observable<never>;
    }
    const payload = toGrpcError(error);
    if (payload.code === GrpcStatus.INTERNAL) this.logger.error({ err: error }, 'unhandled gRPC error');
    return throwError(() => payload);
  }
}
