import { Redis } from 'ioredis';
import type { InfraClient } from './infra-client';
import { safeTarget, withTimeout } from './infra-client';

const CONNECT_TIMEOUT_MS = 5000;
const QUIT_TIMEOUT_MS = 2000;

export interface RedisClientOptions {
  url: string;
  /** Called for connection errors, which ioredis emits (and retries) in the background. */
  onError?: (error: Error) => void;
}

/**
 * The process's Redis connection, and its DI token: it *is* an ioredis client, so adapters call ioredis
 * methods (`get`, `eval`, `defineCommand` for Lua scripts, `multi`…) on it directly.
 *
 * - It connects at construction (not lazily), so the first request does not pay for the handshake, and a
 *   server that is down shows up in readiness right away instead of at the first command.
 * - The offline queue stays on so commands sent while (re)connecting wait for the socket, but
 *   `maxRetriesPerRequest` is small so they fail within a few hundred milliseconds when the server is gone
 *   instead of piling up forever; callers see an error and their resilience policy decides.
 * - ioredis reconnects forever in the background: a Redis that comes back heals the process without a restart.
 */
export class RedisClient extends Redis implements InfraClient {
  readonly service = 'redis' as const;
  readonly target: string;
  private disposed = false;
  private lastError?: string;

  constructor(options: RedisClientOptions) {
    super(options.url, {
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 2,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // After disconnect() ioredis waits this long for the socket's 'close' before destroying it, and a socket
      // that already failed (connection refused) never closes again: the default 2 s would hold shutdown.
      disconnectTimeout: 500,
      // 50 ms, 100 ms, … capped at 2 s: quick to heal, gentle on a server that is restarting.
      retryStrategy: (attempt) => Math.min(attempt * 50, 2000),
      connectionName: 'junction',
    });
    this.target = safeTarget(options.url);
    // Without a listener ioredis prints every failed reconnect to stderr; readiness reports them instead.
    this.on('error', (error: Error) => {
      this.lastError = error.message;
      options.onError?.(error);
    });
  }

  async healthCheck(): Promise<void> {
    // Fail fast instead of queueing the PING behind a reconnect loop.
    if (this.status !== 'ready') {
      throw new Error(`redis at ${this.target} is ${this.status}${this.lastError ? ` (last error: ${this.lastError})` : ''}`);
    }
    const answer = await this.ping();
    if (answer !== 'PONG') throw new Error(`redis at ${this.target} answered PING with ${answer}`);
  }

  /** Resolves once the connection has ended (status `end`), so "closed" means no socket and no reconnect timer. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const ended = this.status === 'end' ? Promise.resolve() : new Promise<void>((resolve) => this.once('end', () => resolve()));
    // QUIT lets in-flight replies arrive; when the socket is not up there is nothing to flush, so just drop it.
    let quitted = false;
    if (this.status === 'ready') {
      quitted = await withTimeout(this.quit(), QUIT_TIMEOUT_MS, 'redis QUIT timed out').then(
        () => true,
        () => false,
      );
    }
    if (!quitted) {
      // Between reconnect attempts there is no socket left to emit 'end'; disconnect() just cancels the timer.
      const waitForEnd = this.status !== 'reconnecting';
      this.disconnect();
      if (!waitForEnd) return;
    }
    await withTimeout(ended, QUIT_TIMEOUT_MS, 'redis connection did not end').catch(() => undefined);
  }
}
