import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { DomainError } from '@libs/kernel';
import { AtMostOnce } from '../../../application/services';
import { IdentityErrorCode } from '../../../domain';

const AT_MOST_ONCE = 'identity:atMostOnce';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const JSON_TYPE = 'application/json; charset=utf-8';

export interface AtMostOnceOptions {
  /** Refuse requests without X-Request-ID / Idempotency-Key (400). Otherwise they simply run unprotected. */
  required: boolean;
}

/** Marks a route as at-most-once; AtMostOnceInterceptor (on the controller) does the work. */
export const AtMostOnceRoute = (options: AtMostOnceOptions): MethodDecorator => SetMetadata(AT_MOST_ONCE, options);

/**
 * HTTP side of at-most-once: the request id comes from `Idempotency-Key` or `X-Request-ID`, the client IP from the
 * connection (X-Forwarded-For only via TRUSTED_PROXIES, which configure Fastify's trustProxy). The handler's result is
 * serialised here, once, so the first response and every replay are the same bytes; replays carry
 * `Idempotent-Replayed: true`.
 */
@Injectable()
export class AtMostOnceInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly atMostOnce: AtMostOnce,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<AtMostOnceOptions | undefined>(AT_MOST_ONCE, context.getHandler());
    if (!options || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const requestId = this.requestIdOf(request, options);
    if (requestId === undefined) return next.handle();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    const scope = { clientIp: request.ip, method: request.method, path: request.url.split('?')[0], requestId };

    const run = this.atMostOnce.run(scope, request.body ?? null, async () => {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      return { status, contentType: JSON_TYPE, body: status === 204 || result === undefined ? '' : JSON.stringify(result) };
    });
    return from(
      run.then(({ response, replayed }) => {
        if (replayed) reply.header('Idempotent-Replayed', 'true');
        if (response.body !== '') reply.header('content-type', response.contentType);
        // Nest sends the route's @HttpCode status, which is the stored one: only successes are stored.
        if (response.status !== status) reply.status(response.status);
        return response.body === '' ? undefined : response.body;
      }),
    );
  }

  private requestIdOf(request: FastifyRequest, options: AtMostOnceOptions): string | undefined {
    const raw = request.headers['idempotency-key'] ?? request.headers['x-request-id'];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === '') {
      if (!options.required) return undefined;
      throw new DomainError(IdentityErrorCode.IdempotencyKeyRequired, 'invalid', 'this request needs an X-Request-ID (or Idempotency-Key) header so it runs at most once', { details: { field: 'X-Request-ID' } });
    }
    if (!REQUEST_ID.test(value)) {
      throw new DomainError(IdentityErrorCode.IdempotencyKeyInvalid, 'invalid', 'X-Request-ID / Idempotency-Key must be 1-128 characters of A-Z a-z 0-9 . _ : -', { details: { field: 'X-Request-ID' } });
    }
    return value;
  }
}
