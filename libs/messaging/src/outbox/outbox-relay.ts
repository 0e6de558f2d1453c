import { MessagingLogger, SILENT_LOGGER, describeError } from '../messaging-logger';
import type { IntegrationEventBus } from '../bus/integration-event-bus';
import { sleep } from '../bus/sleep';
import type { OutboxStore } from './outbox-store';

export interface OutboxRelayOptions {
  /** Events per claim and publish call (default 100). */
  batchSize?: number;
  /** Pause when the outbox is empty (default 250 ms); `wake()` cuts it short. */
  pollIntervalMs?: number;
  /** Pause after a failed batch (default 1 s). */
  errorBackoffMs?: number;
  logger?: MessagingLogger;
}

/**
 * Moves events from an outbox to the bus: claim a batch, publish it in one call (keeping its order),
 * then mark it published. At least once: a crash after publishing republishes the batch once its lease
 * expires, and consumers dedupe by event id. Run one per module (the platform holds an etcd lock for it).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly errorBackoffMs: number;
  private readonly logger: MessagingLogger;
  private loop?: { abort: AbortController; done: Promise<void> };
  private nap?: AbortController;
  private woken = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly bus: IntegrationEventBus,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.errorBackoffMs = options.errorBackoffMs ?? 1000;
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  /** One claim → publish → mark cycle; returns how many events went out. */
  async relayOnce(): Promise<number> {
    const batch = await this.store.claimBatch(this.batchSize);
    if (batch.length === 0) return 0;
    const ids = batch.map((e) => e.id);
    try {
      await this.bus.publish(batch);
    } catch (error) {
      await this.store.release(ids).catch(() => undefined);
      throw error;
    }
    await this.store.markPublished(ids);
    return batch.length;
  }

  start(): void {
    if (this.loop) return;
    const abort = new AbortController();
    this.loop = { abort, done: this.run(abort.signal) };
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    loop.abort.abort();
    await loop.done;
    this.loop = undefined;
  }

  /** Relay now instead of at the next poll (call after committing a transaction that appended events). */
  wake(): void {
    this.woken = true;
    this.nap?.abort();
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      this.woken = false;
      let pause = this.pollIntervalMs;
      try {
        // A full batch means more may be waiting: go again at once.
        if ((await this.relayOnce()) === this.batchSize) continue;
      } catch (error) {
        this.logger.warn({ error: describeError(error) }, 'outbox relay batch failed; retrying');
        pause = this.errorBackoffMs;
      }
      // A wake() during the batch may be for an event the claim missed: poll again instead of napping.
      if (!this.woken) await this.napFor(pause, signal);
    }
  }

  private async napFor(ms: number, signal: AbortSignal): Promise<void> {
    const nap = new AbortController();
    this.nap = nap;
    const end = (): void => nap.abort();
    signal.addEventListener('abort', end, { once: true });
    await sleep(ms, nap.signal);
    signal.removeEventListener('abort', end);
    this.nap = undefined;
  }
}
