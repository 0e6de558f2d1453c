import { randomUUID } from 'node:crypto';
import { Clock } from '@libs/kernel';
import { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../../../ports';

type Entry =
  | { state: 'processing'; fingerprint: string; owner: string; expiresAt: number }
  | { state: 'completed'; fingerprint: string; response: StoredResponse; expiresAt: number };

/** At-most-once records in a Map; expiry is checked against the clock on access (and swept now and then). */
export class MemoryIdempotencyStore extends IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private operations = 0;

  constructor(private readonly clock: Clock) {
    super();
  }

  async claim(key: string, fingerprint: string, leaseMs: number): Promise<IdempotencyClaim> {
    this.sweepSometimes();
    const now = this.clock.now().getTime();
    const entry = this.live(key, now);
    if (!entry) {
      const owner = randomUUID();
      this.entries.set(key, { state: 'processing', fingerprint, owner, expiresAt: now + leaseMs });
      return { kind: 'acquired', owner };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (entry.state === 'completed') return { kind: 'replay', response: { ...entry.response } };
    return { kind: 'in_progress', retryAfterMs: Math.max(1, entry.expiresAt - now) };
  }

  async complete(key: string, owner: string, fingerprint: string, response: StoredResponse, retentionMs: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    const entry = this.live(key, now);
    if (!entry || entry.state !== 'processing' || entry.owner !== owner) return false;
    this.entries.set(key, { state: 'completed', fingerprint, response: { ...response }, expiresAt: now + retentionMs });
    return true;
  }

  async release(key: string, owner: string): Promise<void> {
    const entry = this.live(key, this.clock.now().getTime());
    if (entry?.state === 'processing' && entry.owner === owner) this.entries.delete(key);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweepSometimes(): void {
    if (++this.operations % 1000 !== 0) return;
    const now = this.clock.now().getTime();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
