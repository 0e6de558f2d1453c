import { Clock } from '@libs/kernel';
import { SessionRevocationStore } from '../../../ports';

/** Revoked ids in a Map with expiry times (ADAPTERS=memory: one process, so no sharing is needed). */
export class MemorySessionRevocationStore extends SessionRevocationStore {
  private readonly until = new Map<string, number>();

  constructor(private readonly clock: Clock) {
    super();
  }

  async revoke(ids: readonly string[], ttlMs: number): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.until.size > 100_000) for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    for (const id of ids) this.until.set(id, Math.max(this.until.get(id) ?? 0, now + ttlMs));
  }

  async revokedAmong(ids: readonly string[]): Promise<string[]> {
    const now = this.clock.now().getTime();
    return ids.filter((id) => (this.until.get(id) ?? 0) > now);
  }
}
