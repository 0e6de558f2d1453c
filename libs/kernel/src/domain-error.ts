/**
 * The categories every error in Junction falls into. Edge filters map a category to an HTTP status
 * (problem+json) or a gRPC status code exactly once; domain and application code never pick status codes.
 */
export const ERROR_CATEGORIES = [
  'invalid',
  'unprocessable',
  'not_found',
  'conflict',
  'forbidden',
  'unauthorized',
  'precondition',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

export interface DomainErrorOptions {
  /** Extra, safe-to-show facts (field names, limits). Never secrets. */
  details?: Record<string, unknown>;
  /** For rate_limited / unavailable / in-flight conflicts: how long the client should wait. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * An error with a stable, documented code (`TRAINS.SEAT_ALREADY_HELD`) and a category.
 * The code is part of the public contract: clients may switch on it, so never rename one.
 */
export class DomainError extends Error {
  readonly details?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  static invalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, 'invalid', message, { details });
  }

  static notFound(code: string, message: string): DomainError {
    return new DomainError(code, 'not_found', message);
  }

  static conflict(code: string, message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(code, 'conflict', message, { details });
  }

  static unavailable(code: string, message: string, cause?: unknown): DomainError {
    return new DomainError(code, 'unavailable', message, { cause });
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
