import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * RFC 9110 §15.5.6: a request whose path exists with other methods answers 405 Method Not Allowed with an `Allow`
 * header (and OPTIONS answers 204 with the same header), instead of Fastify's 404 — or the 400 it gives a body method
 * such as QUERY without a content type. Paths that exist with no method stay 404. Call before the routes are
 * registered (Nest registers them in `listen()`/`init()`); it records every route Fastify adds.
 */
export function answerUnsupportedMethods(fastify: FastifyInstance): RouteMethods {
  const routes = new RouteMethods();
  fastify.addHook('onRoute', (route) => routes.add(route.url, route.method));
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    // Routed requests are checked only when a parameter route took them: `GET /api/user/login` reaches
    // `GET /api/user/:id`, but the path is the static `POST /api/user/login`, so it is 405 too.
    if (!request.is404 && !request.routeOptions.url?.includes(':')) return done();
    const path = request.url.split('?')[0];
    const allowed = routes.allowedFor(path);
    if (allowed.length === 0 || (request.method !== 'OPTIONS' && allowed.includes(request.method))) return done();
    const allow = allowed.join(', ');
    if (request.method === 'OPTIONS') {
      void reply.status(204).header('allow', allow).send();
      return;
    }
    void reply
      .status(405)
      .header('allow', allow)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send({
        type: 'https://junction.dev/problems/request-method-not-allowed',
        title: 'Method Not Allowed',
        status: 405,
        detail: `${request.method} is not supported here; allowed: ${allow}`,
        code: 'REQUEST.METHOD_NOT_ALLOWED',
        instance: path,
      });
  });
  return routes;
}

/** Route patterns (`/airports/:code/stats/average`, `/docs/*`) and their methods. */
export class RouteMethods {
  private readonly routes: Array<{ pattern: RegExp; methods: Set<string>; literal: number }> = [];

  add(url: string, method: string | string[]): void {
    const methods = Array.isArray(method) ? method : [method];
    const source = `^${url
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}$`;
    const existing = this.routes.find((r) => r.pattern.source === source);
    if (existing) methods.forEach((m) => existing.methods.add(m.toUpperCase()));
    else this.routes.push({ pattern: new RegExp(source), methods: new Set(methods.map((m) => m.toUpperCase())), literal: url.split('/').filter((s) => s && !s.startsWith(':') && s !== '*').length });
  }

  /**
   * Methods of the most specific routes matching this path (`/api/user/login` over `/api/user/:id`, as the document
   * lists them), HEAD with GET (Fastify exposes it) and OPTIONS; sorted; empty if no route matches.
   */
  allowedFor(path: string): string[] {
    const matching = this.routes.filter((r) => r.pattern.test(path));
    const literal = Math.max(...matching.map((r) => r.literal));
    const methods = new Set<string>();
    for (const r of matching) if (r.literal === literal) r.methods.forEach((m) => methods.add(m));
    if (methods.has('GET')) methods.add('HEAD');
    if (methods.size > 0) methods.add('OPTIONS');
    return [...methods].sort();
  }
}
