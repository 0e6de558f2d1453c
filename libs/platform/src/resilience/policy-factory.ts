import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IPolicy,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import { DomainError, isDomainError } from '@libs/kernel';

export interface PolicyOptions {
  /** Names the policy in metrics and in the `unavailable` error it raises. */
  name: string;
  /** Error code used when the dependency is unavailable (timeout, open breaker, exhausted retries). */
  errorCode: string;
  timeoutMs: number;
  /** Extra attempts after the first, for transient failures only. */
  retries: number;
  /** Consecutive transient failures that open the breaker. */
  breakerThreshold: number;
  /** How long an open breaker waits before letting one trial call through. */
  halfOpenAfterMs: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  onBreakerStateChange?: (state: CircuitState) => void;
}

export interface ResiliencePolicy {
  execute<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  readonly state: CircuitState;
}

/**
 * Transient = worth retrying: a dependency that is down, slow or refusing connections. Business errors
 * (invalid, not found, conflict…) are never retried and never open a breaker.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  if (isDomainError(error)) return error.category === 'unavailable';
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
}

/** timeout → retry (transient only, exponential backoff) → circuit breaker, as one policy. */
export function createPolicy(options: PolicyOptions): ResiliencePolicy {
  const transient = handleWhen(isTransient);
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breakerThreshold),
  });
  if (options.onBreakerStateChange) {
    const notify = options.onBreakerStateChange;
    breaker.onStateChange((state) => notify(state));
    notify(breaker.state);
  }
  const retrying = retry(transient, {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({ initialDelay: options.initialBackoffMs ?? 50, maxDelay: options.maxBackoffMs ?? 1000 }),
  });
  const policy: IPolicy = wrap(retrying, breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));

  return {
    get state() {
      return breaker.state;
    },
    async execute<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
      try {
        return await policy.execute(({ signal }) => fn(signal));
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          throw new DomainError(options.errorCode, 'unavailable', `${options.name} is unavailable (circuit open)`, { retryAfterSeconds: Math.ceil(options.halfOpenAfterMs / 1000), cause: error });
        }
        if (error instanceof TaskCancelledError) {
          throw new DomainError(options.errorCode, 'unavailable', `${options.name} did not answer within ${options.timeoutMs} ms`, { cause: error });
        }
        if (!isDomainError(error) && isTransient(error)) {
          throw new DomainError(options.errorCode, 'unavailable', `${options.name} is unavailable`, { cause: error });
        }
        throw error;
      }
    },
  };
}

export { CircuitState };
