import { Clock } from '@libs/kernel';
import { RateLimitStore, WindowCount } from '../../../ports';

/** Fixed-window counters in a Map (ADAPTERS=memory). */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly clock: Clock) {
    super();
  }

  async peek(key: string): Promise<WindowCount> {
    const now = this.clock.now().getTime();
    const w = this.windows.get(key);
    if (!w || w.endsAt <= now) return { count: 0, resetInMs: 0 };
    return { count: w.count, resetInMs: w.endsAt - now };
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.clock.now().getTime();
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      if (this.windows.size > 10_000) this.sweep(now);
      w = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { count: w.count, resetInMs: w.endsAt - now };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.windows.size > 10_000) this.sweep(now);
    this.windows.set(key, { count: 1, endsAt: now + ttlMs });
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.endsAt <= now) this.windows.delete(key);
  }
}
