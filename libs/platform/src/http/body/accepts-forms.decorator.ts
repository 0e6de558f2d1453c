import { RouteConfig } from '@nestjs/platform-fastify';

/** Fastify route config flag read by the media-type guard (body-media-type.hook.ts). */
export const ACCEPTS_FORMS = 'junctionAcceptsForms';

/**
 * Lets a route take `application/x-www-form-urlencoded`, `multipart/form-data` and `text/plain` bodies. Only for
 * seed-compatibility routes whose original clients post forms: a browser may send those three types cross-site
 * without a CORS preflight, so on any other route they would allow login CSRF and similar forged requests.
 */
export const AcceptsForms = (): MethodDecorator => RouteConfig({ [ACCEPTS_FORMS]: true }) as MethodDecorator;
