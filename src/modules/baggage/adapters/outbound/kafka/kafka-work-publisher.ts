import { workItemJson } from '../../../domain/messages';
import type { WorkItem } from '../../../domain/records';
import { WorkPublisher } from '../../../ports/work-publisher';
import type { BaggageKafka } from './kafka-connection';

/**
 * `arriving_flight_work`, keyed by flight id, acks from all in-sync replicas. A corrected item carries the header
 * `baggage-correction: 1` and `baggage-revision`; its JSON body has the original's shape.
 */
export class KafkaWorkPublisher extends WorkPublisher {
  constructor(
    private readonly connection: BaggageKafka,
    private readonly topic: string,
  ) {
    super();
  }

  async publish(items: readonly WorkItem[]): Promise<void> {
    if (items.length === 0) return;
    const producer = await this.connection.connectedProducer();
    await producer.send({
      topic: this.topic,
      acks: -1,
      messages: items.map((item) => ({
        key: item.id,
        value: workItemJson(item),
        headers: item.correction ? { 'baggage-correction': '1' } : {},
      })),
    });
  }
}
