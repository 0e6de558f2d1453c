import { bagJson, flightJson } from '../../../domain/messages';
import type { BagRecord, FlightRecord } from '../../../domain/records';
import { TestDataSink } from '../../../ports/test-data-sink';
import type { BaggageKafka } from './kafka-connection';

const MAX_REQUEST_BYTES = 512 * 1024;

/** The test data producer's output: `bags` and `flights` JSON as seed 003's generator writes them, keyed by id. */
export class KafkaTestDataSink extends TestDataSink {
  constructor(
    private readonly connection: BaggageKafka,
    private readonly topics: { flights: string; bags: string },
  ) {
    super();
  }

  async sendBags(bags: readonly BagRecord[]): Promise<void> {
    await this.send(this.topics.bags, bags.map((b) => ({ key: b.id, value: bagJson(b) })));
  }

  async sendFlights(flights: readonly FlightRecord[]): Promise<void> {
    await this.send(this.topics.flights, flights.map((f) => ({ key: f.id, value: flightJson(f) })));
  }

  /** Sends in requests of at most ~512 KB (the broker refuses record batches over 1 MB; a flight is ~12 KB). */
  private async send(topic: string, messages: Array<{ key: string; value: string }>): Promise<void> {
    const producer = await this.connection.connectedProducer();
    let start = 0;
    while (start < messages.length) {
      let end = start;
      let bytes = 0;
      while (end < messages.length && (end === start || bytes + messages[end].value.length <= MAX_REQUEST_BYTES)) bytes += messages[end++].value.length;
      await producer.send({ topic, acks: -1, messages: messages.slice(start, end) });
      start = end;
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
