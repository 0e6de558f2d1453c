import { InboxStore } from './inbox-store';

export class InMemoryInboxStore extends InboxStore {
  private readonly processed = new Set<string>();

  async seen(consumer: string, eventId: string): Promise<boolean> {
    return this.processed.has(entry(consumer, eventId));
  }

  async markProcessed(consumer: string, eventId: string, _tx?: unknown): Promise<boolean> {
    const key = entry(consumer, eventId);
    if (this.processed.has(key)) return false;
    this.processed.add(key);
    return true;
  }
}

function entry(consumer: string, eventId: string): string {
  return `${consumer}\u0000${eventId}`;
}
