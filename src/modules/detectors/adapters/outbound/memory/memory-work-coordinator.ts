import type { OwnedWork } from '../../../ports';
import { WorkCoordinator } from '../../../ports';

/** WorkCoordinator for one process (ADAPTERS=memory): ownership is a map entry, presence a set. */
export class MemoryWorkCoordinator extends WorkCoordinator {
  private readonly workers = new Set<string>();
  private readonly owners = new Map<string, AbortController>();

  async join(workerId: string): Promise<() => Promise<void>> {
    this.workers.add(workerId);
    return async () => {
      this.workers.delete(workerId);
    };
  }

  async liveWorkers(): Promise<string[]> {
    return [...this.workers].sort();
  }

  async tryOwn(key: string, work: OwnedWork): Promise<boolean> {
    if (this.owners.has(key)) return false;
    const held = new AbortController();
    this.owners.set(key, held);
    void Promise.resolve()
      .then(() => work(held.signal))
      .catch(() => undefined)
      .finally(() => {
        held.abort();
        this.owners.delete(key);
      });
    return true;
  }
}
