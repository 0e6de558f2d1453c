import type { WorkItem } from '../../../domain/records';
import { PublishReport, WorkPublisher } from '../../../ports/work-publisher';

/** Keeps published items (ADAPTERS=memory; tests read `items`). Has no size limit, so every item is delivered. */
export class MemoryWorkPublisher extends WorkPublisher {
  readonly items: WorkItem[] = [];
  private static readonly LIMIT = 10_000;

  async publish(items: readonly WorkItem[]): Promise<PublishReport> {
    this.items.push(...items);
    if (this.items.length > MemoryWorkPublisher.LIMIT) this.items.splice(0, this.items.length - MemoryWorkPublisher.LIMIT);
    return { delivered: items.map((i) => i.id), deadLettered: [], failed: [] };
  }
}
