import type { WorkItem } from '../../../domain/records';
import { WorkPublisher } from '../../../ports/work-publisher';

/** Keeps published items (ADAPTERS=memory; tests read `items`). */
export class MemoryWorkPublisher extends WorkPublisher {
  readonly items: WorkItem[] = [];
  private static readonly LIMIT = 10_000;

  async publish(items: readonly WorkItem[]): Promise<void> {
    this.items.push(...items);
    if (this.items.length > MemoryWorkPublisher.LIMIT) this.items.splice(0, this.items.length - MemoryWorkPublisher.LIMIT);
  }
}
