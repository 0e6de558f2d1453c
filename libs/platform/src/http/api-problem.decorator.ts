import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

/** One documented error of a route: its status, stable code and a sample detail. */
export interface ProblemExample {
  status: number;
  code: string;
  detail: string;
  /** Extension members the problem carries (e.g. `field`). */
  extra?: Record<string, unknown>;
  /** Shown next to the example in Swagger UI. */
  summary?: string;
}

/** The RFC 9457 body every error has (platform errors/problem.ts). */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://junction.dev/problems/identity-email-taken' },
    title: { type: 'string', example: 'Conflict' },
    status: { type: 'integer', example: 409 },
    detail: { type: 'string', example: 'an account with this email already exists' },
    code: { type: 'string', description: 'Stable error code; clients may switch on it', example: 'IDENTITY.EMAIL_TAKEN' },
    instance: { type: 'string', example: '/users' },
    traceId: { type: 'string', example: '4bf92f3577b34da6a3ce929d0e0e4736' },
    errors: { type: 'array', items: { type: 'string' }, description: 'Every validation problem, for REQUEST.VALIDATION_FAILED' },
  },
  additionalProperties: true,
} as const;

const API_RESPONSE_METADATA = 'swagger/apiResponse'; // @nestjs/swagger's DECORATORS.API_RESPONSE

type Responses = Record<string, { description?: string; content?: Record<string, { examples?: Record<string, unknown> }> }>;

/**
 * Documents error responses as `application/problem+json` with one named example per code. Several codes of one
 * status (and several uses of this decorator on one route, e.g. by `@Authenticated()`) are merged, not overwritten.
 */
export function ApiProblems(...examples: ProblemExample[]): ClassDecorator & MethodDecorator {
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = descriptor ? (descriptor.value as object) : target;
    const byStatus = new Map<number, ProblemExample[]>();
    for (const e of examples) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), e]);
    for (const [status, group] of byStatus) {
      const existing = (Reflect.getMetadata(API_RESPONSE_METADATA, holder) as Responses | undefined)?.[String(status)];
      const previous = existing?.content?.['application/problem+json']?.examples ?? {};
      const added = Object.fromEntries(
        group.map((e) => [
          e.code,
          {
            summary: e.summary ?? e.code,
            value: {
              type: `https://junction.dev/problems/${e.code.toLowerCase().replace(/[._]/g, '-')}`,
              title: STATUS_CODES[e.status] ?? 'Error',
              status: e.status,
              detail: e.detail,
              code: e.code,
              ...(e.extra ?? {}),
            },
          },
        ]),
      );
      const codes = [...Object.keys(previous), ...Object.keys(added)];
      ApiResponse({
        status,
        description: `${STATUS_CODES[status] ?? 'Error'}: ${[...new Set(codes)].join(', ')}`,
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA as never, examples: { ...previous, ...added } as never } },
      })(target, key as string, descriptor as PropertyDescriptor);
    }
  }) as ClassDecorator & MethodDecorator;
}
