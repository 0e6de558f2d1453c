import { DomainError } from '@libs/kernel';
import { EventEnvelope } from './envelope';
import { fromKafkaMessage, readHeaders, toKafkaMessage } from './kafka-message';

const envelope: EventEnvelope = {
  id: '3f0c1a9e-6a53-4c1e-9d2b-8f7e6d5c4b3a',
  type: 'baggage.bag-scanned.v2',
  version: 2,
  occurredAt: '2026-03-01T10:00:00.000Z',
  key: 'bag-1',
  correlationId: 'req-1',
  causationId: 'c-1',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  payload: { at: 'MUC' },
};

describe('Kafka message codec', () => {
  it('writes the envelope as the value, its key as the key, and event headers', () => {
    const message = toKafkaMessage(envelope);
    expect(message.key).toBe('bag-1');
    expect(JSON.parse(message.value ?? '')).toEqual(envelope);
    expect(message.headers).toEqual({
      'event-type': 'baggage.bag-scanned.v2',
      'event-id': envelope.id,
      'correlation-id': 'req-1',
      'causation-id': 'c-1',
      traceparent: envelope.traceparent,
    });
  });

  it('omits headers for absent optional fields', () => {
    const { causationId: _c, traceparent: _t, ...bare } = envelope;
    expect(Object.keys(toKafkaMessage(bare).headers).sort()).toEqual(['correlation-id', 'event-id', 'event-type']);
  });

  it('reads back what it wrote, from strings or Buffers', () => {
    const message = toKafkaMessage(envelope);
    expect(fromKafkaMessage(message)).toEqual(envelope);
    expect(fromKafkaMessage({ value: Buffer.from(message.value ?? '') })).toEqual(envelope);
  });

  it.each([
    ['a tombstone', null, 'value is empty'],
    ['an empty value', '', 'value is empty'],
    ['text that is not JSON', 'hello', 'value is not JSON'],
    ['JSON that is no envelope', '[1,2]', 'envelope must be an object, got an array'],
    ['an envelope with a bad field', JSON.stringify({ ...envelope, version: 1 }), 'version must equal the .v2 suffix'],
  ])('rejects %s with MESSAGING.INVALID_ENVELOPE', (_label, value, text) => {
    let error: unknown;
    try {
      fromKafkaMessage({ value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('MESSAGING.INVALID_ENVELOPE');
    expect((error as DomainError).message).toContain(text);
  });

  it('flattens Kafka headers (Buffers, repeated values, missing ones) to strings', () => {
    expect(readHeaders({ a: Buffer.from('x'), b: ['1', Buffer.from('2')], c: undefined })).toEqual({ a: 'x', b: '2' });
    expect(readHeaders(undefined)).toEqual({});
  });
});
