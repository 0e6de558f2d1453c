import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PATH_PARAM_LENGTH } from './openapi-edge';

const BY_CODE: Record<string, { status: number; code: string; detail: (error: FastifyError) => string }> = {
  FST_ERR_BAD_URL: { status: 400, code: 'REQUEST.BAD_URL', detail: (e) => e.message },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'REQUEST.URI_TOO_LONG', detail: () => `a path parameter is longer than ${MAX_PATH_PARAM_LENGTH} characters` },
};

/**
 * Fastify's `frameworkErrors`: the router's own refusals (a malformed percent-encoding, a path parameter over
 * `maxParamLength`) as problem+json like every other error, instead of Fastify's plain `application/json`.
 */
export function answerFrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = BY_CODE[error.code] ?? { status: error.statusCode ?? 400, code: `HTTP.${error.statusCode ?? 400}`, detail: (e: FastifyError) => e.message };
  const status = known.status;
  void reply
    .status(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({
      type: `https://junction.dev/problems/${known.code.toLowerCase().replace(/[._]/g, '-')}`,
      title: status === 414 ? 'URI Too Long' : 'Bad Request',
      status,
      detail: known.detail(error),
      code: known.code,
    });
}
