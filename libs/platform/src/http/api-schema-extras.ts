/**
 * JSON Schema keywords @nestjs/swagger cannot put on a class's component schema (`additionalProperties: false`,
 * `anyOf` of required sets), merged into `components.schemas[<class name>]` when the document is built
 * (bootstrap's describeEdgeResponses). Bodies validated with whitelist + forbidNonWhitelisted refuse unknown
 * properties, so their schema must say so, or the document allows requests the server rejects
 * (`npm run test:api-fuzz` checks it).
 */
const EXTRAS = new Map<string, Record<string, unknown>>();

export function ApiSchemaExtras(extras: Record<string, unknown>): ClassDecorator {
  return (target) => {
    EXTRAS.set(target.name, { ...(EXTRAS.get(target.name) ?? {}), ...extras });
  };
}

/** A body DTO that lists every property the server accepts: its schema says `additionalProperties: false`. */
export function ApiClosedSchema(extras: Record<string, unknown> = {}): ClassDecorator {
  return ApiSchemaExtras({ additionalProperties: false, ...extras });
}

/** Applies every registered extra to the document's component schemas (by class name). */
export function applySchemaExtras(schemas: Record<string, unknown> | undefined): void {
  if (!schemas) return;
  for (const [name, extras] of EXTRAS) {
    const schema = schemas[name] as Record<string, unknown> | undefined;
    if (schema) Object.assign(schema, extras);
  }
}

/**
 * An optional integer query parameter whose empty value (`?limit=`) means the default, as an absent one does: the
 * schema must allow the empty string too, or the document forbids a request the server accepts.
 */
export function optionalIntegerQuery(minimum: number, maximum: number): { anyOf: Array<Record<string, unknown>> } {
  return { anyOf: [{ type: 'integer', minimum, maximum }, { type: 'string', maxLength: 0 }] };
}
