import { CollectionLock } from '../../../ports';

/** In-process exclusion (one replica: ADAPTERS=memory). */
export class MemoryCollectionLock extends CollectionLock {
  private held = false;

  async tryRun<T>(fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
    if (this.held) return { acquired: false };
    this.held = true;
    try {
      return { acquired: true, value: await fn() };
    } finally {
      this.held = false;
    }
  }
}
