import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Seed 002's train, pricing, cache and ticket routes, which its browser frontend calls from its own origin. */
const SEED_002_PATHS = new Set(['/api/trains/get', '/api/price/stationnames', '/api/price/stationids', '/api/book-seat', '/api/cancel-seat', '/api/booked-seats', '/api/ticket/book']);

/**
 * CORS on seed 002's routes only, as its services had (`origin: *`, headers Content-Type and Authorization): the
 * original frontend is served from another origin. Safe with `*` because Junction authenticates with bearer tokens,
 * never cookies: another site's page cannot use a visitor's token it does not have. Preflights (OPTIONS) are answered
 * 204 by the platform's method handling (src/http/method-not-allowed.ts); this adds the CORS headers to every answer
 * of these paths that a browser sent with an Origin.
 */
export function addSeedCorsHeaders(fastify: FastifyInstance, paths: ReadonlySet<string>): void {
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void) => {
    if (request.headers.origin !== undefined && paths.has(request.url.split('?')[0])) {
      void reply.header('access-control-allow-origin', '*');
      if (request.method === 'OPTIONS') {
        void reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
        void reply.header('access-control-allow-headers', 'Content-Type, Authorization, Idempotency-Key');
        void reply.header('access-control-max-age', '600');
      }
    }
    done(null, payload);
  });
}

@Injectable()
export class TrainsSeedCorsSetup implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (instance && typeof instance.addHook === 'function') addSeedCorsHeaders(instance, SEED_002_PATHS);
  }
}
