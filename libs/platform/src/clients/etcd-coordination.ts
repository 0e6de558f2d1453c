import { randomUUID } from 'node:crypto';
import type { Etcd3 } from 'etcd3';
import type { Logger } from 'pino';
import { withTimeout } from './infra-client';

/** Runs until `signal` aborts (leadership lost or stop requested); must stop promptly when it does. */
export type LeaderTask = (signal: AbortSignal) => Promise<void>;
/** The same as a pair of callbacks, for jobs that start timers or consumers and stop them later. */
export interface LeaderCallbacks {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface LeadershipOptions {
  /** Lease TTL: how long a leader that dies without resigning blocks the others. At least 1 second. */
  ttlSeconds?: number;
  /** Pause before campaigning again after leadership ended or the campaign failed. */
  retryDelayMs?: number;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

export interface Leadership {
  /** True while this candidate is the elected leader and its work is running. */
  readonly isLeader: boolean;
  /** Aborts the work, resigns, stops campaigning; resolves once the work has returned. */
  stop(): Promise<void>;
}

const RESIGN_TIMEOUT_MS = 3000;

/**
 * Singleton jobs: every replica calls this with the same election name; exactly one runs `work` at a time.
 * The leader's campaign key lives on a lease kept alive in the background. Leadership ends when the lease
 * is lost (etcd unreachable for longer than the TTL, or the lease revoked) or the key is deleted: the signal
 * aborts, this candidate resigns and campaigns again after `retryDelayMs`. Work that returns or throws on
 * its own also ends the term, so another replica (or this one, later) takes over.
 *
 * As with any lease-based election, a leader cut off from etcd learns it lost only when its keep-alive
 * fails: work must be safe to overlap briefly (idempotent writes, dedupe), not rely on strict exclusion.
 */
export function runWhileLeader(
  etcd: Etcd3,
  electionName: string,
  candidateId: string,
  work: LeaderTask | LeaderCallbacks,
  options: LeadershipOptions = {},
): Leadership {
  const ttlSeconds = options.ttlSeconds ?? 10;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const task = typeof work === 'function' ? work : fromCallbacks(work);
  const log = { election: electionName, candidate: candidateId };
  const stopping = new AbortController();
  const stopped = aborted(stopping.signal);
  let leading = false;

  const loop = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      const campaign = etcd.election(electionName, ttlSeconds).campaign(candidateId);
      // Listeners first: etcd3 emits 'error' when the lease cannot be granted or is lost, and an unheard
      // 'error' event would crash the process.
      const lost = new Promise<Error>((resolve) => campaign.on('error', resolve));
      const elected = new Promise<'elected'>((resolve) => campaign.on('elected', () => resolve('elected')));
      const outcome = await Promise.race([elected, lost, stopped]);

      if (outcome === 'elected') {
        const term = new AbortController();
        let watch: KeyWatch | undefined;
        try {
          watch = await watchDeletion(etcd, await campaign.getCampaignKey());
          leading = true;
          options.logger?.info(log, 'elected leader');
          const done = Promise.resolve()
            .then(() => task(term.signal))
            .then(() => 'work returned', (error: unknown) => `work failed: ${(error as Error)?.message ?? String(error)}`);
          const reason = await Promise.race([
            done,
            lost.then((error) => `lease lost: ${error.message}`),
            watch.gone.then(() => 'campaign key deleted'),
            stopped,
          ]);
          leading = false;
          term.abort(new Error(`leadership of ${electionName} ended: ${reason}`));
          options.logger?.info({ ...log, reason }, 'leadership ended');
          await done;
        } catch (error) {
          options.logger?.warn({ ...log, error: (error as Error).message }, 'leadership setup failed');
        } finally {
          leading = false;
          term.abort();
          await watch?.cancel();
        }
      } else if (outcome instanceof Error) {
        options.logger?.warn({ ...log, error: outcome.message }, 'campaign failed; retrying');
      }

      await withTimeout(campaign.resign(), RESIGN_TIMEOUT_MS, 'resign timed out').catch(() => undefined);
      if (!stopping.signal.aborted) await sleep(retryDelayMs, stopping.signal);
    }
  };
  const running = loop();

  return {
    get isLeader() {
      return leading;
    },
    async stop() {
      stopping.abort();
      await running;
    },
  };
}

export interface LockOptions {
  /** How long to keep trying while someone else holds the lock; 0 = one attempt. */
  waitMs?: number;
  /** Pause between attempts (jittered ±50%). */
  retryDelayMs?: number;
}

/** The lock stayed held by someone else for the whole `waitMs`. */
export class LockUnavailableError extends Error {
  constructor(readonly key: string, waitedMs: number) {
    super(`etcd lock ${key} is held by another owner (waited ${waitedMs} ms)`);
    this.name = 'LockUnavailableError';
  }
}

const LOCK_PREFIX = 'junction/locks/';

/**
 * Runs `fn` while holding an etcd lock: a key created only if absent, attached to a lease of `ttlSeconds`
 * that is kept alive while `fn` runs and revoked afterwards (the same scheme as etcd3's `Lock`, but the
 * lease is ours, so losing it aborts `signal`). A holder that dies frees the lock after `ttlSeconds`.
 * Throws LockUnavailableError when the lock stays taken for `waitMs` (default 10 s).
 */
export async function withLock<T>(etcd: Etcd3, key: string, ttlSeconds: number, fn: (signal: AbortSignal) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 10_000;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const lockKey = LOCK_PREFIX + key;
  const deadline = Date.now() + waitMs;
  const started = Date.now();
  for (;;) {
    const held = await tryAcquire(etcd, lockKey, ttlSeconds);
    if (held) return runHolding(etcd, lockKey, held, fn);
    if (Date.now() >= deadline) throw new LockUnavailableError(key, Date.now() - started);
    await sleep(Math.min(retryDelayMs * (0.5 + Math.random()), Math.max(0, deadline - Date.now())));
  }
}

/** One attempt: `{ acquired: false }` when someone else holds the lock (the usual "skip this run" case). */
export async function tryWithLock<T>(etcd: Etcd3, key: string, ttlSeconds: number, fn: (signal: AbortSignal) => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
  try {
    return { acquired: true, value: await withLock(etcd, key, ttlSeconds, fn, { waitMs: 0 }) };
  } catch (error) {
    if (error instanceof LockUnavailableError) return { acquired: false };
    throw error;
  }
}

type HeldLease = ReturnType<Etcd3['lease']>;

async function tryAcquire(etcd: Etcd3, lockKey: string, ttlSeconds: number): Promise<HeldLease | undefined> {
  const lease = etcd.lease(ttlSeconds);
  try {
    const leaseId = await lease.grant();
    const result = await etcd
      .if(lockKey, 'Create', '==', 0)
      .then(etcd.put(lockKey).value(randomUUID()).lease(leaseId))
      .commit();
    if (result.succeeded) return lease;
  } catch (error) {
    await lease.revoke().catch(() => undefined);
    throw error;
  }
  await lease.revoke().catch(() => undefined);
  return undefined;
}

async function runHolding<T>(etcd: Etcd3, lockKey: string, lease: HeldLease, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const held = new AbortController();
  lease.on('lost', (error: Error) => held.abort(new Error(`etcd lock ${lockKey} lost: ${error.message}`)));
  let watch: KeyWatch | undefined;
  try {
    watch = await watchDeletion(etcd, lockKey);
    void watch.gone.then(() => held.abort(new Error(`etcd lock ${lockKey} was deleted`)));
    return await fn(held.signal);
  } finally {
    held.abort();
    await watch?.cancel();
    // Revoking deletes the key: the next waiter gets the lock without waiting for the TTL.
    await withTimeout(lease.revoke(), RESIGN_TIMEOUT_MS, 'lease revoke timed out').catch(() => undefined);
  }
}

interface KeyWatch {
  /** Resolves when the key is deleted (or was already gone when the watch started). */
  gone: Promise<void>;
  cancel(): Promise<void>;
}

/** Watches a key for deletion; checking existence after the watch is up means a deletion cannot slip between. */
async function watchDeletion(etcd: Etcd3, key: string): Promise<KeyWatch> {
  const watcher = await etcd.watch().key(key).only('delete').create();
  let markGone: () => void = () => undefined;
  const gone = new Promise<void>((resolve) => (markGone = resolve));
  watcher.on('delete', () => markGone());
  // Watch errors are retried by etcd3 itself; the lease keep-alive is what detects a dead etcd.
  watcher.on('error', () => undefined);
  if ((await etcd.get(key).exec()).kvs.length === 0) markGone();
  return { gone, cancel: () => watcher.cancel().catch(() => undefined) };
}

function fromCallbacks(callbacks: LeaderCallbacks): LeaderTask {
  return async (signal) => {
    await callbacks.start();
    await aborted(signal);
    await callbacks.stop();
  };
}

function aborted(signal: AbortSignal): Promise<'stopped'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('stopped');
    else signal.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no listener behind either way. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });
}
