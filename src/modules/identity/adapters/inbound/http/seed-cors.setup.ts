import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * CORS on seed 002's `/api/user/*` routes only, as its auth-service had (`origin: *`, headers Content-Type and
 * Authorization): the original frontend is served from another origin. Safe with `*` because Junction authenticates
 * with bearer tokens, never cookies. Preflights (OPTIONS) are answered 204 by the platform's method handling
 * (src/http/method-not-allowed.ts); this adds the CORS headers to every answer of these paths sent with an Origin.
 */
@Injectable()
export class IdentitySeedCorsSetup implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.addHook !== 'function') return;
    fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void) => {
      if (request.headers.origin !== undefined && request.url.startsWith('/api/user/')) {
        void reply.header('access-control-allow-origin', '*');
        if (request.method === 'OPTIONS') {
          void reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
          void reply.header('access-control-allow-headers', 'Content-Type, Authorization, X-Request-ID, Idempotency-Key');
          void reply.header('access-control-max-age', '600');
        }
      }
      done(null, payload);
    });
  }
}
