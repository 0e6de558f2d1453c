import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_SCHEMA, applySchemaExtras } from '@libs/platform';

/**
 * Longest path parameter Fastify routes (`maxParamLength`); a longer one is answered 414 before any route runs.
 * bootstrap passes the same value to Fastify, so the document and the server cannot drift.
 */
export const MAX_PATH_PARAM_LENGTH = 100;

const PROBLEM_JSON = 'application/problem+json';

interface EdgeProblem {
  status: number;
  code: string;
  detail: string;
}

/** Answered by the HTTP edge (Fastify, the body parsers, the router) before a controller runs, on the routes they apply to. */
const EDGE = {
  badUrl: { status: 400, code: 'REQUEST.BAD_URL', detail: "'%zz' is not a valid url component" },
  malformedBody: { status: 400, code: 'REQUEST.MALFORMED_JSON', detail: 'the request body is not valid JSON' },
  uriTooLong: { status: 414, code: 'REQUEST.URI_TOO_LONG', detail: `a path parameter is longer than ${MAX_PATH_PARAM_LENGTH} characters` },
  bodyTooLarge: { status: 413, code: 'REQUEST.BODY_TOO_LARGE', detail: 'Request body is too large' },
  unsupportedMediaType: { status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', detail: "Unsupported Media Type: text/plain" },
} satisfies Record<string, EdgeProblem>;

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * Completes the generated document with what the edge does on every route, so that it describes the server exactly
 * (schemathesis checks it, `npm run test:api-fuzz`):
 * - path parameters: `maxLength` (Fastify's `maxParamLength`), 414 when exceeded, 400 for a malformed percent-encoding;
 * - operations with a body: 400 (unparsable body), 413 (HTTP_BODY_LIMIT_BYTES), 415 (media type not accepted);
 * all as problem+json, merged with what the route documents itself;
 * - component schemas: the keywords their DTO classes declared with `@ApiClosedSchema()` / `@ApiSchemaExtras()`
 *   (`additionalProperties: false` for bodies that refuse unknown properties).
 */
export function describeEdgeResponses(document: OpenAPIObject): OpenAPIObject {
  applySchemaExtras(document.components?.schemas as Record<string, unknown> | undefined);
  for (const item of Object.values(document.paths) as Json[]) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const responses = (operation.responses ??= {}) as Json;
      const parameters = ((operation.parameters as Json[] | undefined) ?? []).filter((p) => p.in === 'path');
      if (parameters.length > 0) {
        for (const p of parameters) {
          const schema = (p.schema ??= { type: 'string' }) as Json;
          if (schema.type === 'string' && (schema.maxLength === undefined || (schema.maxLength as number) > MAX_PATH_PARAM_LENGTH)) schema.maxLength = MAX_PATH_PARAM_LENGTH;
          if (schema.type === 'string' && schema.minLength === undefined) schema.minLength = 1;
        }
        addProblem(responses, EDGE.badUrl);
        addProblem(responses, EDGE.uriTooLong);
      }
      if (operation.requestBody) {
        addProblem(responses, EDGE.malformedBody);
        addProblem(responses, EDGE.bodyTooLarge);
        addProblem(responses, EDGE.unsupportedMediaType);
      }
    }
  }
  return document;
}

function addProblem(responses: Json, problem: EdgeProblem): void {
  const response = (responses[String(problem.status)] ??= { description: `${problem.code} (HTTP edge)` }) as Json;
  const content = (response.content ??= {}) as Json;
  const media = (content[PROBLEM_JSON] ??= { schema: PROBLEM_SCHEMA }) as Json;
  media.schema ??= PROBLEM_SCHEMA;
  const examples = (media.examples ??= {}) as Json;
  examples[problem.code] ??= {
    summary: `${problem.code} (HTTP edge)`,
    value: { type: `https://junction.dev/problems/${problem.code.toLowerCase().replace(/[._]/g, '-')}`, title: 'Error', status: problem.status, detail: problem.detail, code: problem.code },
  };
  if (typeof response.description === 'string' && !response.description.includes(problem.code)) response.description += `, ${problem.code}`;
}
