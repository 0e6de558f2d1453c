import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, PinoLogger } from '@libs/platform';
import { OrderStore, SagaMessage } from '../ports/order-store';
import { SagaBroker } from '../ports/saga-broker';
import { ORDERS_SETTINGS, OrdersSettings } from './orders-settings';

const BATCH = 200;
const ERROR_BACKOFF_MS = 1000;
/**
 * The poller only takes outbox messages at least this old: younger ones are still being published by the process
 * that wrote them (publishCommitted), and taking them too would publish every message twice.
 */
export const ORPHAN_AFTER_MS = 2000;

/**
 * Moves saga messages from the outbox (written in the order's transaction) to the broker, at least once.
 *
 * Fast path: the writer publishes the messages it has just committed (publishCommitted) and deletes them from the
 * outbox afterwards — no polling delay and no claim round trip, which made each saga hop wait ~25–50 ms. Safety net:
 * the poller (ORDERS_RELAY) claims messages older than ORPHAN_AFTER_MS — their writer crashed or could not reach
 * Kafka — with leases and SKIP LOCKED, so several pollers may run at once. Either way a message may be published
 * twice (a crash between publish and delete, a slow publish overtaken by the poller); every consumer deduplicates,
 * and the saga does not depend on the order of messages across keys.
 */
@Injectable()
export class SagaRelay {
  private running?: Promise<void>;
  private stopping = false;
  private wakeUp?: () => void;
  private sent: string[] = [];

  constructor(
    private readonly store: OrderStore,
    private readonly broker: SagaBroker,
    @Inject(ORDERS_SETTINGS) private readonly settings: OrdersSettings,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  /** Publishes messages this process has just committed to the outbox; failures are left to the poller. */
  publishCommitted(messages: readonly SagaMessage[]): void {
    if (messages.length === 0) return;
    this.broker.publish(messages).then(
      () => this.forget(messages.map((m) => m.id)),
      (error: Error) => this.logger.warn({ module: 'orders', error: error.message, messages: messages.length }, 'saga publish failed; the outbox relay will retry'),
    );
  }

  /** One poll: publishes up to BATCH orphaned messages; returns how many. */
  async relayOnce(): Promise<number> {
    const batch = await this.store.claimOutbox(BATCH, ORPHAN_AFTER_MS);
    if (batch.length === 0) return 0;
    const ids = batch.map((m) => m.id);
    try {
      await this.broker.publish(batch);
    } catch (error) {
      await this.store.release(ids).catch(() => undefined);
      throw error;
    }
    await this.store.markSent(ids);
    return batch.length;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
    this.running = undefined;
  }

  /** Deletes published messages from the outbox, one statement for all those published in the same tick. */
  private forget(ids: readonly string[]): void {
    this.sent.push(...ids);
    if (this.sent.length !== ids.length) return;
    setImmediate(() => {
      const batch = this.sent;
      this.sent = [];
      this.store.markSent(batch).catch((error: Error) => this.logger.warn({ module: 'orders', error: error.message }, 'could not delete published saga messages; they will be published again'));
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let pause = this.settings.relayPollMs;
      try {
        if ((await this.relayOnce()) === BATCH) continue;
      } catch (error) {
        this.logger.warn({ module: 'orders', error: (error as Error).message }, 'saga outbox relay failed; retrying');
        pause = ERROR_BACKOFF_MS;
      }
      if (this.stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, pause);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
      this.wakeUp = undefined;
    }
  }
}
