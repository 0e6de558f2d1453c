import { DeadLetters, RejectedMessage } from '../../../ports/dead-letters';
import type { BaggageKafka } from './kafka-connection';

/**
 * `<topic>.dlq`: the original bytes (value and key) with headers `dlq-reason`, `dlq-source-topic`,
 * `dlq-source-partition`, `dlq-source-offset`, `dlq-at`.
 */
export class KafkaDeadLetters extends DeadLetters {
  constructor(private readonly connection: BaggageKafka) {
    super();
  }

  async send(rejected: readonly RejectedMessage[]): Promise<void> {
    if (rejected.length === 0) return;
    const producer = await this.connection.connectedProducer();
    const byTopic = new Map<string, RejectedMessage[]>();
    for (const r of rejected) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    const at = new Date().toISOString();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({
        topic: `${topic}.dlq`,
        messages: messages.map((m) => ({
          key: m.key,
          value: m.value,
          headers: { 'dlq-reason': m.reason, 'dlq-source-topic': m.topic, 'dlq-source-partition': String(m.partition), 'dlq-source-offset': m.offset, 'dlq-at': at },
        })),
      })),
    });
  }
}
