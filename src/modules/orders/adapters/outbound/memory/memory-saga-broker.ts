import type { SagaMessage } from '../../../ports/order-store';
import { InboundHandler, InboundMessage, SagaBroker } from '../../../ports/saga-broker';

interface Group {
  topics: readonly string[];
  handler: InboundHandler;
  queue: InboundMessage[];
  running: boolean;
}

const REDELIVERY_DELAY_MS = 100;

/**
 * SagaBroker in one process (ADAPTERS=memory): every group gets each message of its topics once, in publish order; a
 * handler that throws gets the same message again (ahead of later ones), like an uncommitted Kafka offset.
 */
export class MemorySagaBroker extends SagaBroker {
  private readonly groups = new Map<string, Group>();
  private readonly offsets = new Map<string, number>();
  private started = false;
  /** Everything ever published, per topic (tests read the dead-letter topic here). */
  readonly published: SagaMessage[] = [];

  async publish(messages: readonly SagaMessage[]): Promise<void> {
    for (const m of messages) {
      this.published.push(m);
      const offset = this.offsets.get(m.topic) ?? 0;
      this.offsets.set(m.topic, offset + 1);
      for (const group of this.groups.values()) {
        if (!group.topics.includes(m.topic)) continue;
        group.queue.push({ topic: m.topic, key: m.key, headers: { ...m.headers }, value: m.value, partition: 0, offset: String(offset) });
        this.drain(group);
      }
    }
  }

  subscribe(group: string, topics: readonly string[], handler: InboundHandler): void {
    this.groups.set(group, { topics: [...topics], handler, queue: [], running: false });
  }

  async start(): Promise<void> {
    this.started = true;
    for (const g of this.groups.values()) this.drain(g);
  }

  async stop(): Promise<void> {
    this.started = false;
    while ([...this.groups.values()].some((g) => g.running)) await new Promise((r) => setTimeout(r, 5));
    this.groups.clear();
  }

  private drain(group: Group): void {
    if (group.running || !this.started) return;
    group.running = true;
    void (async () => {
      while (this.started && group.queue.length > 0) {
        const message = group.queue[0];
        try {
          await group.handler(message);
          group.queue.shift();
        } catch {
          await new Promise((r) => setTimeout(r, REDELIVERY_DELAY_MS));
        }
      }
      group.running = false;
    })();
  }
}
