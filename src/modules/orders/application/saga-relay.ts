import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, PinoLogger } from '@libs/platform';
import { OrderStore } from '../ports/order-store';
import { SagaBroker } from '../ports/saga-broker';
import { ORDERS_SETTINGS, OrdersSettings } from './orders-settings';

const BATCH = 200;
const ERROR_BACKOFF_MS = 1000;

/**
 * Moves saga messages from the outbox (written in the order's transaction) to the broker: claim → publish → mark
 * sent. At least once: a crash between publish and mark republishes after the lease; every consumer dedupes. Several
 * relays may run at once (leases with SKIP LOCKED keep them off each other's rows, and the saga does not depend on
 * the order of messages across keys), so a restarted process relays at once instead of waiting for an election.
 */
@Injectable()
export class SagaRelay {
  private running?: Promise<void>;
  private stopping = false;
  private wakeUp?: () => void;
  private woken = false;

  constructor(
    private readonly store: OrderStore,
    private readonly broker: SagaBroker,
    @Inject(ORDERS_SETTINGS) private readonly settings: OrdersSettings,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  async relayOnce(): Promise<number> {
    const batch = await this.store.claimOutbox(BATCH);
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

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      let pause = this.settings.relayPollMs;
      try {
        if ((await this.relayOnce()) === BATCH) continue;
      } catch (error) {
        this.logger.warn({ module: 'orders', error: (error as Error).message }, 'saga outbox relay failed; retrying');
        pause = ERROR_BACKOFF_MS;
      }
      if (this.woken || this.stopping) continue;
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
