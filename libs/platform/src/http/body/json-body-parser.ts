import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestError } from '../../errors/request-error';
import { findForbiddenKey } from './forbidden-keys';
import { jsonNestingExceeds } from './json-nesting';

/** Parses a JSON body, refusing what the rest of the process must never see; every refusal names its reason. */
export function parseJsonBody(text: string, maxDepth: number): unknown {
  if (text.length === 0) throw new RequestError(400, 'REQUEST.EMPTY_JSON_BODY', "Body is empty but content-type is 'application/json'");
  if (jsonNestingExceeds(text, maxDepth)) {
    throw new RequestError(400, 'REQUEST.JSON_TOO_DEEP', `JSON nesting depth exceeds ${maxDepth}`, { limit: maxDepth });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Only the position from V8's message: the rest quotes the body, which may hold a password.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new RequestError(400, 'REQUEST.MALFORMED_JSON', `Body is not valid JSON${position ? ` (at position ${position})` : ''}`, position ? { position: Number(position) } : {});
  }
  const forbidden = findForbiddenKey(value);
  if (forbidden) throw new RequestError(400, 'REQUEST.FORBIDDEN_JSON_KEY', `JSON body contains a forbidden key ${forbidden}`, { key: forbidden });
  return value;
}

/**
 * Replaces Fastify's JSON parser for the whole process, so every route (all modules) gets the same nesting limit
 * and the same named errors. Fastify's body limit (413) still applies before this runs.
 */
export function installJsonBodyParser(fastify: FastifyInstance, options: { maxDepth: number }): void {
  if (fastify.hasContentTypeParser('application/json')) fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request: FastifyRequest, body: string | Buffer, done) => {
    try {
      done(null, parseJsonBody(String(body), options.maxDepth));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
