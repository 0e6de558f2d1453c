const API_RESPONSE_METADATA = 'swagger/apiResponse'; // @nestjs/swagger's DECORATORS.API_RESPONSE

/**
 * The two error bodies of seed 002's services, as SeedCompatFilter sends them (`application/json`, never
 * problem+json), each plus Junction's stable `code`:
 * - `cache`: the cache service's `{message, success: false}` (`/api/book-seat`, `/api/cancel-seat`, `/api/booked-seats`);
 * - `error`: the train, pricing and ticket services' `{error}` (`/api/trains/get`, `/api/price/*`, `/api/ticket/book`).
 */
export type SeedErrorShape = 'cache' | 'error';

export const SEED_ERROR_SCHEMAS = {
  cache: {
    type: 'object',
    required: ['message', 'success', 'code'],
    properties: {
      message: { type: 'string', example: 'Booking unsuccessful: Seat already booked' },
      success: { type: 'boolean', enum: [false] },
      code: { type: 'string', description: 'Stable error code; clients may switch on it', example: 'TRAINS.SEAT_ALREADY_HELD' },
    },
  },
  error: {
    type: 'object',
    required: ['error', 'code'],
    properties: {
      error: { type: 'string', example: 'Khulnaa not found' },
      code: { type: 'string', description: 'Stable error code; clients may switch on it', example: 'TRAINS.UNKNOWN_STATION' },
    },
  },
} as const;

type Responses = Record<string, { description?: string; content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: Record<string, unknown> } & Record<string, unknown>> }> }>;

/** The body SeedCompatFilter sends for a documented problem example. */
export function seedErrorBody(shape: SeedErrorShape, detail: string, code: string): Record<string, unknown> {
  return shape === 'cache' ? { message: detail, success: false, code } : { error: detail, code };
}

/**
 * Documents the route's errors as SeedCompatFilter sends them: `application/json` in seed 002's shape, not problem+json.
 * Put it first (outermost), so that it sees the responses `@ApiProblems` and `@Authenticated` documented. Errors of the
 * HTTP edge (unparsable body, 413, 415) stay problem+json; bootstrap's describeEdgeResponses adds those.
 */
export function ApiSeedErrors(shape: SeedErrorShape): MethodDecorator {
  return (_target, _key, descriptor) => {
    const holder = descriptor.value as object;
    const responses = (Reflect.getMetadata(API_RESPONSE_METADATA, holder) as Responses | undefined) ?? {};
    for (const [status, response] of Object.entries(responses)) {
      const problem = response.content?.['application/problem+json'];
      if (Number(status) < 400 || !problem) continue;
      const examples = Object.fromEntries(
        Object.entries(problem.examples ?? {}).map(([code, example]) => [code, { ...example, value: seedErrorBody(shape, String(example.value?.detail ?? ''), String(example.value?.code ?? code)) }]),
      );
      response.content = { 'application/json': { schema: SEED_ERROR_SCHEMAS[shape], examples } };
    }
    // The cache routes answer conflicts 400, as the original (SeedCompatFilter): document them there.
    const conflict = responses['409'];
    if (shape === 'cache' && conflict) {
      const target = (responses['400'] ??= { description: 'Bad Request', content: { 'application/json': { schema: SEED_ERROR_SCHEMAS.cache, examples: {} } } });
      const media = (target.content ??= {})['application/json'] ?? { schema: SEED_ERROR_SCHEMAS.cache, examples: {} };
      media.examples = { ...(media.examples ?? {}), ...(conflict.content?.['application/json']?.examples ?? {}) };
      target.content['application/json'] = media;
      target.description = `${target.description ?? 'Bad Request'}; conflicts (409 elsewhere) are 400 here`;
      delete responses['409'];
    }
    Reflect.defineMetadata(API_RESPONSE_METADATA, responses, holder);
  };
}
