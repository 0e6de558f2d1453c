import { DomainError, isUuid } from '@libs/kernel';
import { requestContext } from '@libs/platform/logging/request-context';
import { MESSAGING_ERRORS } from '../messaging-errors';
import { EventEnvelope, createEnvelope, parseEnvelope } from './envelope';
import { currentEvent, runHandling } from './handling-context';

const valid: EventEnvelope<{ userId: string }> = {
  id: '3f0c1a9e-6a53-4c1e-9d2b-8f7e6d5c4b3a',
  type: 'identity.user-deleted.v1',
  version: 1,
  occurredAt: '2026-03-01T10:00:00.000Z',
  key: 'user-1',
  correlationId: 'req-1',
  payload: { userId: 'user-1' },
};

function rejection(input: unknown): DomainError {
  try {
    parseEnvelope(input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected parseEnvelope to throw');
}

describe('createEnvelope', () => {
  it('fills id, occurredAt, version from the type, and a correlation id', () => {
    const before = Date.now();
    const e = createEnvelope({ type: 'flights.flight-delayed.v3', key: 'LH123', payload: { minutes: 20 } });
    expect(isUuid(e.id)).toBe(true);
    expect(e.version).toBe(3);
    expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(before);
    expect(e.correlationId).toBe(e.id); // nothing to correlate with: the event starts its own chain
    expect(e).not.toHaveProperty('causationId');
    expect(e).not.toHaveProperty('traceparent'); // no propagator registered in this test
  });

  it('takes the correlation id from the current request', () => {
    const e = requestContext.run({ requestId: 'req-77' }, () => createEnvelope({ type: 'identity.user-deleted.v1', key: 'u', payload: null }));
    expect(e.correlationId).toBe('req-77');
  });

  it('inside a handler, inherits the correlation id and names the handled event as cause', () => {
    const e = runHandling(valid, () => createEnvelope({ type: 'orders.order-cancelled.v1', key: 'o-1', payload: {} }));
    expect(e.correlationId).toBe(valid.correlationId);
    expect(e.causationId).toBe(valid.id);
    expect(currentEvent()).toBeUndefined();
  });

  it('keeps explicit values', () => {
    const e = createEnvelope({ ...valid, occurredAt: new Date('2026-01-02T03:04:05Z'), correlationId: 'c', causationId: 'x' });
    expect(e).toMatchObject({ id: valid.id, occurredAt: '2026-01-02T03:04:05.000Z', correlationId: 'c', causationId: 'x' });
  });

  it('rejects a malformed type or key, naming them', () => {
    expect(() => createEnvelope({ type: 'UserDeleted', key: '', payload: {} })).toThrow(/type must look like <module>\.<event>\.v<N>.*; key must be a non-empty string/);
    expect(() => createEnvelope({ type: 'identity.user-deleted.v1', key: 'k', payload: {}, occurredAt: new Date('nope') })).toThrow(/occurredAt must be an ISO-8601/);
  });
});

describe('parseEnvelope', () => {
  it('accepts a valid envelope and drops unknown fields', () => {
    expect(parseEnvelope({ ...valid, extra: 'from a newer producer' })).toEqual(valid);
  });

  it.each([
    ['a non-object', 'hello', 'envelope', 'envelope must be an object, got string'],
    ['null', null, 'envelope', 'envelope must be an object, got null'],
    ['an array', [valid], 'envelope', 'envelope must be an object, got an array'],
    ['a missing id', { ...valid, id: undefined }, 'id', 'id must be a UUID, got nothing'],
    ['a non-UUID id', { ...valid, id: 'evt-1' }, 'id', 'id must be a UUID, got "evt-1"'],
    ['a camel-case type', { ...valid, type: 'identity.UserDeleted.v1' }, 'type', 'type must look like <module>.<event>.v<N>'],
    ['a type without version', { ...valid, type: 'identity.user-deleted' }, 'type', 'got "identity.user-deleted"'],
    ['version 0', { ...valid, version: 0 }, 'version', 'version must be an integer ≥ 1, got 0'],
    ['a string version', { ...valid, version: '1' }, 'version', 'version must be an integer ≥ 1, got "1"'],
    ['a version that contradicts the type', { ...valid, version: 2 }, 'version', 'version must equal the .v1 suffix of type identity.user-deleted.v1, got 2'],
    ['a date without zone', { ...valid, occurredAt: '2026-03-01T10:00:00' }, 'occurredAt', 'occurredAt must be an ISO-8601 timestamp with a zone'],
    ['a non-date', { ...valid, occurredAt: 'yesterday' }, 'occurredAt', 'got "yesterday"'],
    ['an impossible date', { ...valid, occurredAt: '2026-13-45T10:00:00Z' }, 'occurredAt', 'occurredAt must be'],
    ['an empty key', { ...valid, key: '' }, 'key', 'key must be a non-empty string'],
    ['a numeric key', { ...valid, key: 42 }, 'key', 'key must be a non-empty string of at most 256 characters, got 42'],
    ['a too long key', { ...valid, key: 'k'.repeat(257) }, 'key', 'key must be a non-empty string'],
    ['a missing correlation id', { ...valid, correlationId: undefined }, 'correlationId', 'correlationId must be 1-128 characters'],
    ['a correlation id with spaces', { ...valid, correlationId: 'a b' }, 'correlationId', 'got "a b"'],
    ['a numeric causation id', { ...valid, causationId: 7 }, 'causationId', 'causationId must be 1-128 characters'],
    ['a bad traceparent', { ...valid, traceparent: 'abc' }, 'traceparent', 'traceparent must be a W3C traceparent'],
    ['a missing payload', { ...valid, payload: undefined }, 'payload', 'payload is required'],
    ['a BigInt payload', { ...valid, payload: { n: BigInt(1) } }, 'payload', 'payload must be JSON-serializable'],
  ])('rejects %s, naming the field', (_label, input, field, text) => {
    const error = rejection(input);
    expect(error.code).toBe(MESSAGING_ERRORS.INVALID_ENVELOPE);
    expect(error.category).toBe('invalid');
    expect(error.message).toContain(text);
    expect(error.details?.fields).toEqual([field]);
  });

  it('reports every problem at once', () => {
    const error = rejection({ ...valid, id: 'x', key: '', payload: undefined });
    expect(error.details?.fields).toEqual(['id', 'key', 'payload']);
    expect(error.message).toMatch(/^Invalid event envelope \(identity\.user-deleted\.v1\): id must be a UUID.*; key must be.*; payload is required/);
  });

  it('rejects a circular payload with a clear message', () => {
    const payload: Record<string, unknown> = {};
    payload.self = payload;
    expect(rejection({ ...valid, payload }).message).toContain('payload must be JSON-serializable');
  });

  it('never echoes the payload in the message', () => {
    expect(rejection({ ...valid, id: 1, payload: { password: 'hunter2' } }).message).not.toContain('hunter2');
  });
});
