import type { FlightRecord } from '../../../domain/records';
import type { BaggageKafka } from './kafka-connection';
import { KafkaTestDataSink } from './kafka-test-data-sink';

describe('KafkaTestDataSink', () => {
  it('sends flights in requests of at most 512 KB (the broker refuses batches over 1 MB), in order, none lost; a lone oversized flight still goes', async () => {
    const sends: Array<{ topic: string; messages: Array<{ key: string; value: string }> }> = [];
    const connection = { connectedProducer: async () => ({ send: async (request: (typeof sends)[number]) => void sends.push(request) }) } as unknown as BaggageKafka;
    const sink = new KafkaTestDataSink(connection, { flights: 'flights', bags: 'bags' });
    // ~12 KB per flight (300 bags), as the original's generator makes them.
    const bags = (n: number, i: number) => Array.from({ length: n }, (_, b) => `BAG_${String(i).padStart(6, '0')}-${String(b).padStart(30, '0')}`);
    const flights: FlightRecord[] = Array.from({ length: 100 }, (_, i) => ({ id: `FL_${i}`, departureTime: 1_900_000_000, arrivalTime: 1_900_003_600, bags: bags(300, i) }));
    flights.push({ id: 'FL_huge', departureTime: 1_900_000_000, arrivalTime: 1_900_003_600, bags: bags(20_000, 999) });
    await sink.sendFlights(flights);
    expect(sends.every((s) => s.topic === 'flights')).toBe(true);
    expect(sends.flatMap((s) => s.messages.map((m) => m.key))).toEqual(flights.map((f) => f.id));
    for (const s of sends) {
      const bytes = s.messages.reduce((n, m) => n + m.value.length, 0);
      if (s.messages.length > 1) expect(bytes).toBeLessThanOrEqual(512 * 1024);
    }
    expect(sends.length).toBeGreaterThan(2);
    expect(sends[sends.length - 1].messages.map((m) => m.key)).toEqual(['FL_huge']);
  });
});
