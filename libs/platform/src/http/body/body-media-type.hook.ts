import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestError } from '../../errors/request-error';
import { ACCEPTS_FORMS } from './accepts-forms.decorator';

/** The media types an HTML form (or a no-preflight fetch) can send cross-site. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function mediaType(request: FastifyRequest): string {
  return String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Refuses form-like bodies with 415 before they are parsed, except on routes marked @AcceptsForms(). Every other
 * route takes JSON only, so a page on another origin cannot post to it (login CSRF).
 */
export function installBodyMediaTypeGuard(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    // Unmatched routes keep their 404; body-less requests have nothing to refuse.
    if (request.routeOptions.url === undefined || !hasBody(request)) return done(null, payload);
    const type = mediaType(request);
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (FORM_TYPES.includes(type) && config?.[ACCEPTS_FORMS] !== true) {
      done(new RequestError(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', `${request.method} ${request.routeOptions.url} accepts only application/json bodies, not ${type}`, { contentType: type }));
      return;
    }
    done(null, payload);
  });
}
