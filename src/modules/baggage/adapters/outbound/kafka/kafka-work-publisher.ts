import { CompressionTypes, Message, Partitioners } from 'kafkajs';
import { workItemJson } from '../../../domain/messages';
import type { WorkItem } from '../../../domain/records';
import { DeadLetters } from '../../../ports/dead-letters';
import { PublishReport, WorkItemProblem, WorkPublisher } from '../../../ports/work-publisher';
import { chunkByBytes } from './chunk-by-bytes';
import type { BaggageKafka } from './kafka-connection';

export type WorkCompression = 'lz4' | 'gzip' | 'none';

export interface KafkaWorkPublisherOptions {
  topic: string;
  /** Bound of one produce request (keys + values, uncompressed): below the broker's message.max.bytes. */
  maxRequestBytes: number;
  compression: WorkCompression;
}

const COMPRESSION: Record<WorkCompression, CompressionTypes> = { lz4: CompressionTypes.LZ4, gzip: CompressionTypes.GZIP, none: CompressionTypes.None };
/** The broker's answers to "this record batch is too big" (per message, per batch, per topic config). */
const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD_LIST_TOO_LARGE']);

interface Outgoing extends Message {
  key: string;
  value: string;
  item: WorkItem;
}

/**
 * `arriving_flight_work`, keyed by flight id, acks from all in-sync replicas. A corrected item carries the header
 * `baggage-correction: 1`; its JSON body has the original's shape.
 *
 * Every produce request goes to ONE partition (the default partitioner's choice for the key, computed here) and holds
 * at most `maxRequestBytes`: a request is then one record batch, which the broker takes or refuses as a whole, so a
 * refused request can be retried without duplicating a part that was written. A request refused as too large is
 * split in halves and retried; a single item still too large goes to `<topic>.dlq` as a summary (the full item stays
 * in Redis). Any other refusal (not enough replicas, broker unavailable) marks the partition's remaining items
 * failed for this call; they are sent again on a later tick.
 */
export class KafkaWorkPublisher extends WorkPublisher {
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private partitions?: number;

  constructor(
    private readonly connection: BaggageKafka,
    private readonly deadLetters: DeadLetters,
    private readonly options: KafkaWorkPublisherOptions,
  ) {
    super();
  }

  async publish(items: readonly WorkItem[]): Promise<PublishReport> {
    const report: PublishReport = { delivered: [], deadLettered: [], failed: [] };
    if (items.length === 0) return report;
    let partitions: number;
    try {
      partitions = await this.partitionCount();
    } catch (error) {
      report.failed.push(...items.map((i) => ({ id: i.id, reason: reasonOf(error) })));
      return report;
    }
    const partitionMetadata = metadataFor(partitions);
    const byPartition = new Map<number, Outgoing[]>();
    for (const item of items) {
      const message: Outgoing = { key: item.id, value: workItemJson(item), headers: item.correction ? { 'baggage-correction': '1' } : {}, item };
      const partition = this.partitioner({ topic: this.options.topic, partitionMetadata, message });
      const queued = byPartition.get(partition);
      if (queued) queued.push(message);
      else byPartition.set(partition, [message]);
    }
    await Promise.all([...byPartition].map(([partition, messages]) => this.sendPartition(partition, messages, report)));
    return report;
  }

  private async sendPartition(partition: number, messages: Outgoing[], report: PublishReport): Promise<void> {
    const queue = chunkByBytes(messages, this.options.maxRequestBytes);
    while (queue.length > 0) {
      const chunk = queue.shift() as Outgoing[];
      try {
        await this.send(partition, chunk);
        report.delivered.push(...chunk.map((m) => m.key));
      } catch (error) {
        const reason = reasonOf(error);
        if (isTooLarge(error) && chunk.length > 1) {
          const half = Math.ceil(chunk.length / 2);
          queue.unshift(chunk.slice(0, half), chunk.slice(half));
        } else if (isTooLarge(error)) {
          await this.deadLetter(partition, chunk[0], reason, report);
        } else {
          // The topic may have been recreated or grown: read its partition count again on the next call.
          this.partitions = undefined;
          const failed: WorkItemProblem[] = [chunk, ...queue].flat().map((m) => ({ id: m.key, reason }));
          report.failed.push(...failed);
          return;
        }
      }
    }
  }

  private async send(partition: number, chunk: readonly Outgoing[]): Promise<void> {
    const producer = await this.connection.connectedProducer();
    await producer.send({
      topic: this.options.topic,
      acks: -1,
      compression: COMPRESSION[this.options.compression],
      messages: chunk.map(({ key, value, headers }) => ({ key, value, headers, partition })),
    });
  }

  private async deadLetter(partition: number, message: Outgoing, reason: string, report: PublishReport): Promise<void> {
    const { item } = message;
    const summary = JSON.stringify({ id: item.id, arrival_time: item.arrivalTime, bag_count: Object.keys(item.bags).length, bytes: Buffer.byteLength(message.value) });
    const why = `work item of ${Buffer.byteLength(message.value)} bytes refused by the broker (${reason}); the full item stays in Redis (flight:id:${item.id} work)`;
    try {
      await this.deadLetters.send([{ topic: this.options.topic, partition, offset: '-1', key: item.id, value: summary, reason: why }]);
      report.deadLettered.push({ id: item.id, reason: why });
    } catch (error) {
      report.failed.push({ id: item.id, reason: `${why}; dead letter failed: ${reasonOf(error)}` });
    }
  }

  private async partitionCount(): Promise<number> {
    if (this.partitions === undefined) this.partitions = await this.connection.partitionCount(this.options.topic);
    return this.partitions;
  }
}

const metadataFor = (count: number) => Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], offlineReplicas: [], partitionErrorCode: 0 }));

/** The broker's error type, looking through kafkajs's wrappers (retriable errors arrive wrapped after the retries). */
function errorType(error: unknown): string | undefined {
  for (let e = error as { type?: string; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.type) return e.type;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return undefined;
}

const isTooLarge = (error: unknown): boolean => TOO_LARGE.has(errorType(error) ?? '');
const reasonOf = (error: unknown): string => errorType(error) ?? (error as Error)?.message ?? String(error);
