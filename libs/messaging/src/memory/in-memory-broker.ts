import { DomainError } from '@libs/kernel';
import { WireMessage } from '../envelope/kafka-message';
import { MESSAGING_ERRORS } from '../messaging-errors';

export interface StoredMessage extends WireMessage {
  topic: string;
  partition: number;
  offset: number;
}

/**
 * A process-local stand-in for a Kafka cluster: partitioned append-only topics (key → partition, so per-key
 * order holds) and committed offsets per consumer group. Buses sharing one broker behave like processes
 * sharing a cluster: a group resumes where it committed, whichever bus runs it.
 */
export class InMemoryBroker {
  private readonly topics = new Map<string, StoredMessage[][]>();
  private readonly committed = new Map<string, number>();
  private readonly members = new Map<string, symbol>();
  private readonly waiters = new Set<() => void>();

  constructor(readonly partitionsPerTopic = 3) {
    if (!Number.isInteger(partitionsPerTopic) || partitionsPerTopic < 1) throw new Error('partitionsPerTopic must be a positive integer');
  }

  createTopic(topic: string): void {
    if (!this.topics.has(topic)) this.topics.set(topic, Array.from({ length: this.partitionsPerTopic }, () => []));
  }

  partitions(topic: string): number {
    return this.topics.get(topic)?.length ?? 0;
  }

  append(topic: string, message: WireMessage): StoredMessage {
    this.createTopic(topic);
    const partitions = this.topics.get(topic) as StoredMessage[][];
    const partition = message.key === null ? 0 : partitionFor(message.key, partitions.length);
    const log = partitions[partition];
    // Copies, so neither side can mutate what the other holds (Kafka would have serialized it too).
    const stored: StoredMessage = { key: message.key, value: message.value, headers: { ...message.headers }, topic, partition, offset: log.length };
    log.push(stored);
    for (const wake of [...this.waiters]) wake();
    return stored;
  }

  read(topic: string, partition: number, offset: number): StoredMessage | undefined {
    return this.topics.get(topic)?.[partition]?.[offset];
  }

  /** Every message of a topic, partition by partition (inspection and tests). */
  messages(topic: string): StoredMessage[] {
    return (this.topics.get(topic) ?? []).flat();
  }

  committedOffset(group: string, topic: string, partition: number): number {
    return this.committed.get(offsetKey(group, topic, partition)) ?? 0;
  }

  commit(group: string, topic: string, partition: number, nextOffset: number): void {
    this.committed.set(offsetKey(group, topic, partition), nextOffset);
  }

  /**
   * In memory a group has one member at a time: partitions are not shared out between buses, so a second
   * active member would double-process. That only happens when a test forgets to stop a bus.
   */
  join(group: string, member: symbol): void {
    const current = this.members.get(group);
    if (current && current !== member) {
      throw new DomainError(MESSAGING_ERRORS.GROUP_BUSY, 'precondition', `Consumer group ${group} already has an active in-memory member; stop the other bus first`);
    }
    this.members.set(group, member);
  }

  leave(group: string, member: symbol): void {
    if (this.members.get(group) === member) this.members.delete(group);
  }

  /** Resolves on the next append anywhere, or when the signal aborts. */
  nextAppend(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}

function offsetKey(group: string, topic: string, partition: number): string {
  return `${group}\u0000${topic}\u0000${partition}`;
}

/** FNV-1a: stable across runs, so a key always lands on the same partition. */
function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
