const API_RESPONSE_METADATA = 'swagger/apiResponse'; // @nestjs/swagger's DECORATORS.API_RESPONSE

/** The body SeedCompatFilter answers errors with (seed 002's `{message, success}`, plus Junction's `code`). */
export const SEED_ERROR_SCHEMA = {
  type: 'object',
  required: ['message', 'success', 'code'],
  properties: {
    message: { type: 'string', example: 'Booking unsuccessful: Seat already booked' },
    success: { type: 'boolean', enum: [false] },
    code: { type: 'string', description: 'Stable error code; clients may switch on it', example: 'TRAINS.SEAT_ALREADY_HELD' },
  },
} as const;

type Responses = Record<string, { content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: Record<string, unknown> } & Record<string, unknown>> }> }>;

/**
 * Documents the route's errors as SeedCompatFilter sends them: `application/json` in seed 002's shape, not problem+json.
 * Put it first (outermost), so that it sees the responses `@ApiProblems` and `@Authenticated` documented. Errors of the
 * HTTP edge (unparsable body, 413, 415) stay problem+json; bootstrap's describeEdgeResponses adds those.
 */
export function ApiSeedErrors(): MethodDecorator {
  return (_target, _key, descriptor) => {
    const holder = descriptor.value as object;
    const responses = (Reflect.getMetadata(API_RESPONSE_METADATA, holder) as Responses | undefined) ?? {};
    for (const [status, response] of Object.entries(responses)) {
      const problem = response.content?.['application/problem+json'];
      if (Number(status) < 400 || !problem) continue;
      const examples = Object.fromEntries(
        Object.entries(problem.examples ?? {}).map(([code, example]) => [
          code,
          { ...example, value: { message: String(example.value?.detail ?? ''), success: false, code: String(example.value?.code ?? code) } },
        ]),
      );
      response.content = { 'application/json': { schema: SEED_ERROR_SCHEMA, examples } };
    }
    Reflect.defineMetadata(API_RESPONSE_METADATA, responses, holder);
  };
}
