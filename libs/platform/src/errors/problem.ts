import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError, isDomainError } from '@libs/kernel';
import { HTTP_STATUS_BY_CATEGORY } from './error-mapping';
import { RequestError } from './request-error';

/** RFC 9457 problem details, plus Junction's stable `code` and the `traceId` to quote in a bug report. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  traceId?: string;
  errors?: unknown[];
  [extension: string]: unknown;
}

export interface Problem {
  body: ProblemDetails;
  retryAfterSeconds?: number;
  /** True for errors that are our fault (5xx that is not `unavailable`): log them with their stack. */
  unexpected: boolean;
}

const FASTIFY_CODES: Record<string, { code: string; status: number }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST.BODY_TOO_LARGE', status: 413 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'REQUEST.INVALID_CONTENT_LENGTH', status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'REQUEST.EMPTY_JSON_BODY', status: 400 },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST.MALFORMED_JSON', status: 400 },
};

function typeFor(code: string): string {
  return `https://junction.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`;
}

function make(status: number, code: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: typeFor(code), title: STATUS_CODES[status] ?? 'Error', status, detail, code, ...extra };
}

/** Turns anything thrown while serving a request into a problem. Never leaks stacks or internals. */
export function toProblem(error: unknown, instance?: string, traceId?: string): Problem {
  const base = { instance, ...(traceId ? { traceId } : {}) };
  if (isDomainError(error)) return fromDomainError(error, base);
  if (error instanceof RequestError) return { body: make(error.status, error.code, error.message, { ...base, ...error.details }), unexpected: false };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
    if (Array.isArray(message)) {
      return { body: make(status, 'REQUEST.VALIDATION_FAILED', message.join('; '), { ...base, errors: message }), unexpected: false };
    }
    const code = status === 404 ? 'REQUEST.ROUTE_NOT_FOUND' : status === 413 ? 'REQUEST.BODY_TOO_LARGE' : `HTTP.${status}`;
    return { body: make(status, code, String(message ?? error.message), base), unexpected: status >= 500 && status !== 503 };
  }
  const fastify = error as { code?: string; statusCode?: number; message?: string; name?: string };
  const known = fastify.code ? FASTIFY_CODES[fastify.code] : undefined;
  if (known) return { body: make(known.status, known.code, fastify.message ?? 'Bad request', base), unexpected: false };
  if (fastify.name === 'SyntaxError' || (typeof fastify.statusCode === 'number' && fastify.statusCode === 400)) {
    return { body: make(400, 'REQUEST.MALFORMED', 'The request could not be parsed', base), unexpected: false };
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return { body: make(fastify.statusCode, `HTTP.${fastify.statusCode}`, fastify.message ?? 'Bad request', base), unexpected: false };
  }
  return { body: make(500, 'INTERNAL', 'An unexpected error occurred; quote the traceId when reporting it', base), unexpected: true };
}

function fromDomainError(error: DomainError, base: Partial<ProblemDetails>): Problem {
  const status = HTTP_STATUS_BY_CATEGORY[error.category];
  const body = make(status, error.code, error.message, { ...base, ...(error.details ?? {}) });
  return { body, retryAfterSeconds: error.retryAfterSeconds, unexpected: error.category === 'internal' };
}
