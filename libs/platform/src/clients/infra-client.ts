import type { BackingService } from '../config';

/**
 * What the InfraClientsModule needs from every client it owns: a readiness probe, a bounded close, and a
 * credential-free description of where it points (for logs and boot errors).
 */
export interface InfraClient {
  readonly service: BackingService;
  /** host:port (plus database) with user and password stripped: safe to log. */
  readonly target: string;
  /** Resolves when the server answers; rejects with the reason otherwise. Never hangs longer than a few seconds. */
  healthCheck(): Promise<void>;
  /** Releases sockets and timers. Safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * `host:port` (and `/path` when it names a database) of a connection URL, without user, password or query.
 * Connection URLs may embed secrets (postgres://user:pass@…), so only this form reaches errors and logs.
 */
export function safeTarget(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(unparsable URL)';
  }
  const path = parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : '';
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${path}`;
}

/** Rejects with `message` when `promise` has not settled after `ms`; the timer never keeps the process alive. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
