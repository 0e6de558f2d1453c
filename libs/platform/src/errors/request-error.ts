/**
 * A request the HTTP edge refuses before any controller runs (body parsing, media type). It carries its own status
 * because it never reaches the domain: there is no category to map, and the edge is the one place that maps it.
 */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RequestError';
  }
}
