// The behaviour every IntegrationEventBus adapter must have, run by each adapter's spec against its own
// fixture. Uses Jest globals, so it is imported by path from test files and never from index.ts; the
// reference keeps the production build (types: node only) compiling it until *.contract.ts is excluded there.
import { randomBytes } from 'node:crypto';
import { SpanKind, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { eventually } from '@libs/testing';
import { EventEnvelope, createEnvelope } from '../envelope/envelope';
import { MESSAGING_ERRORS } from '../messaging-errors';
import type { DeadLetter } from './dead-letter';
import { Delivery, IntegrationEventBus } from './integration-event-bus';
import { consumerGroupId, deadLetterTopic } from './naming';
import { sleep } from './sleep';

export interface BusTestFixture {
  /** A bus on the same broker/cluster as every other bus of this fixture: each one is like a new process. */
  newBus(): IntegrationEventBus;
  /** What reached the module's dead-letter topic so far. */
  deadLetters(module: string): Promise<readonly DeadLetter[]>;
  /** Stops every bus the fixture made and releases the broker; may delete what the run created. */
  cleanup(created: TestArtifacts): Promise<void>;
}

/** Everything one contract run created on the broker (all names are unique to the run). */
export interface TestArtifacts {
  topics: string[];
  groups: string[];
}

export interface ContractOptions {
  /** How long to wait for asynchronous deliveries (default 5 s). */
  deliveryTimeoutMs?: number;
  /** Jest timeout per test (default 20 s). */
  testTimeoutMs?: number;
}

interface TestPayload {
  seq?: number;
  failOnce?: boolean;
  poison?: boolean;
  hop?: number;
}

interface Call {
  id: string;
  attempt: number;
  /** Set once the handler returned without throwing. */
  ok: boolean;
  envelope: EventEnvelope<TestPayload>;
  traceId?: string;
  spanId?: string;
}

/** Every handler call of one scenario, in the order they started. */
class Recorder {
  readonly calls: Call[] = [];

  start(envelope: EventEnvelope<TestPayload>, delivery: Delivery): Call {
    const span = trace.getActiveSpan()?.spanContext();
    const call: Call = { id: envelope.id, attempt: delivery.attempt, ok: false, envelope, traceId: span?.traceId, spanId: span?.spanId };
    this.calls.push(call);
    return call;
  }

  handled(): Call[] {
    return this.calls.filter((c) => c.ok);
  }

  handledIds(): Set<string> {
    return new Set(this.handled().map((c) => c.id));
  }

  attemptsOf(id: string): number[] {
    return this.calls.filter((c) => c.id === id).map((c) => c.attempt);
  }
}

export function integrationEventBusContract(name: string, makeFixture: () => Promise<BusTestFixture>, options: ContractOptions = {}): void {
  const waitMs = options.deliveryTimeoutMs ?? 5000;
  const testMs = options.testTimeoutMs ?? 20_000;

  describe(`IntegrationEventBus contract: ${name}`, () => {
    // Unique names per run: reruns against the same Kafka never see earlier runs' topics or groups.
    const run = randomBytes(4).toString('hex');
    const typeOf = (scenario: string): string => `test.e${run}-${scenario}.v1`;
    const moduleOf = (scenario: string): string => `t${run}-${scenario}`;
    const event = (scenario: string, key: string, payload: TestPayload): EventEnvelope<TestPayload> => createEnvelope({ type: typeOf(scenario), key, payload });
    const scenarios = ['delivery', 'ordering', 'redelivery', 'dead-letter', 'trace', 'restart', 'cut-short', 'drain', 'late'];
    const artifacts: TestArtifacts = {
      topics: scenarios.flatMap((s) => [typeOf(s), deadLetterTopic(moduleOf(s))]),
      groups: scenarios.map((s) => consumerGroupId(moduleOf(s))),
    };

    const spans = new InMemorySpanExporter();
    const tracing = new NodeSDK({
      autoDetectResources: false,
      resourceDetectors: [],
      spanProcessors: [new SimpleSpanProcessor(spans)],
      instrumentations: [],
      metricReaders: [],
      logRecordProcessors: [],
    });

    const rec = { delivery: new Recorder(), ordering: new Recorder(), redelivery: new Recorder(), deadLetter: new Recorder(), trace: new Recorder() };
    let fixture: BusTestFixture;
    let bus: IntegrationEventBus;

    beforeAll(async () => {
      tracing.start();
      fixture = await makeFixture();
      bus = fixture.newBus();
      // Every scenario is its own module (consumer group), so a retrying scenario never delays another,
      // and all groups join at once in one start().
      bus.subscribe<TestPayload>({
        module: moduleOf('delivery'),
        eventTypes: [typeOf('delivery')],
        handler: async (e, d) => void (rec.delivery.start(e, d).ok = true),
      });
      bus.subscribe<TestPayload>({
        module: moduleOf('ordering'),
        eventTypes: [typeOf('ordering')],
        handler: async (e, d) => {
          const call = rec.ordering.start(e, d);
          await sleep(Math.random() * 2); // tempt an adapter that does not serialize per key into reordering
          call.ok = true;
        },
      });
      bus.subscribe<TestPayload>({
        module: moduleOf('redelivery'),
        eventTypes: [typeOf('redelivery')],
        handler: async (e, d) => {
          const call = rec.redelivery.start(e, d);
          if (e.payload.failOnce && rec.redelivery.attemptsOf(e.id).length === 1) throw new Error(`transient failure of ${e.id}`);
          call.ok = true;
        },
      });
      bus.subscribe<TestPayload>({
        module: moduleOf('dead-letter'),
        eventTypes: [typeOf('dead-letter')],
        maxAttempts: 3,
        handler: async (e, d) => {
          const call = rec.deadLetter.start(e, d);
          if (e.payload.poison) throw new Error(`poisoned ${e.id}`);
          call.ok = true;
        },
      });
      bus.subscribe<TestPayload>({
        module: moduleOf('trace'),
        eventTypes: [typeOf('trace')],
        handler: async (e, d) => {
          const call = rec.trace.start(e, d);
          // Published from inside the handler without passing any ids: correlation, cause and trace follow.
          if (e.payload.hop === 1) await bus.publish(event('trace', e.key, { hop: 2 }));
          call.ok = true;
        },
      });
      await bus.start();
    }, testMs * 2);

    afterAll(async () => {
      await fixture?.cleanup(artifacts);
      await tracing.shutdown();
    }, testMs);

    it(
      'delivers every published event at least once, intact',
      async () => {
        const batch = Array.from({ length: 10 }, (_, i) => event('delivery', `key-${i % 4}`, { seq: i }));
        const single = event('delivery', 'single', { seq: 99 });
        await bus.publish(batch);
        await bus.publish(single);

        const published = [...batch, single];
        await eventually(() => expect(rec.delivery.handledIds()).toEqual(new Set(published.map((e) => e.id))), waitMs);
        for (const e of published) expect(rec.delivery.handled().find((c) => c.id === e.id)?.envelope).toEqual(e);
      },
      testMs,
    );

    it(
      'keeps publish order per key (3 keys × 20 events)',
      async () => {
        const keys = ['alpha', 'bravo', 'charlie'];
        const events = Array.from({ length: 20 }, (_, seq) => keys.map((key) => event('ordering', key, { seq }))).flat();
        // Mixed batch sizes, awaited in sequence: order must hold within and across publish calls.
        for (let i = 0; i < events.length; i += 7) await bus.publish(events.slice(i, i + 7));

        const firstSeenSeqs = (key: string): number[] => {
          const seen = new Set<string>();
          return rec.ordering
            .handled()
            .filter((c) => c.envelope.key === key && !seen.has(c.id) && seen.add(c.id))
            .map((c) => c.envelope.payload.seq ?? -1);
        };
        const expected = Array.from({ length: 20 }, (_, i) => i);
        await eventually(() => {
          for (const key of keys) expect(firstSeenSeqs(key)).toEqual(expected);
        }, waitMs);
      },
      testMs,
    );

    it(
      'redelivers an event whose handler threw, before later events with the same key',
      async () => {
        const flaky = event('redelivery', 'order-1', { failOnce: true, seq: 0 });
        const next = event('redelivery', 'order-1', { seq: 1 });
        await bus.publish([flaky, next]);

        await eventually(() => expect(rec.redelivery.handledIds()).toEqual(new Set([flaky.id, next.id])), waitMs);
        expect(rec.redelivery.attemptsOf(flaky.id)).toEqual([1, 2]);
        const order = rec.redelivery.handled().map((c) => c.id);
        expect(order.indexOf(flaky.id)).toBeLessThan(order.indexOf(next.id));
      },
      testMs,
    );

    it(
      'dead-letters an event after maxAttempts failures and keeps consuming',
      async () => {
        const module = moduleOf('dead-letter');
        const poison = event('dead-letter', 'bag-1', { poison: true });
        const later = [event('dead-letter', 'bag-1', { seq: 1 }), event('dead-letter', 'bag-1', { seq: 2 }), event('dead-letter', 'bag-2', { seq: 3 })];
        await bus.publish([poison, ...later]);

        await eventually(() => expect(rec.deadLetter.handledIds()).toEqual(new Set(later.map((e) => e.id))), waitMs);
        expect(rec.deadLetter.attemptsOf(poison.id)).toEqual([1, 2, 3]);
        // Same key: the next event ran only after the poison one was given up on.
        const calls = rec.deadLetter.calls;
        expect(calls.findIndex((c) => c.id === later[0].id)).toBeGreaterThan(calls.map((c) => c.id).lastIndexOf(poison.id));

        const letters = await eventually(async () => {
          const found = (await fixture.deadLetters(module)).filter((l) => l.envelope?.id === poison.id);
          expect(found).toHaveLength(1);
          return found;
        }, waitMs);
        expect(letters[0]).toMatchObject({ attempts: 3, module, sourceTopic: typeOf('dead-letter') });
        expect(letters[0].reason).toContain(`poisoned ${poison.id}`);
        expect(letters[0].envelope).toEqual(poison);
      },
      testMs,
    );

    it(
      'loses nothing across consumer restarts: the group resumes where it committed, in any process',
      async () => {
        const module = moduleOf('restart');
        const seen = new Set<string>();
        const subscribe = (b: IntegrationEventBus): void =>
          b.subscribe<TestPayload>({ module, eventTypes: [typeOf('restart')], handler: async (e) => void seen.add(e.id) });
        const wave = (n: number): EventEnvelope<TestPayload>[] => Array.from({ length: 5 }, (_, i) => event('restart', `key-${i % 2}`, { seq: n * 10 + i }));
        const idsOf = (events: EventEnvelope[]): string[] => events.map((e) => e.id);

        const first = fixture.newBus();
        subscribe(first);
        await first.start();
        const wave1 = wave(1);
        await bus.publish(wave1);
        await eventually(() => expect([...seen]).toEqual(expect.arrayContaining(idsOf(wave1))), waitMs);
        await first.stop();

        // Published while no member of the group runs.
        const wave2 = wave(2);
        await bus.publish(wave2);
        await sleep(100);
        expect([...seen]).not.toEqual(expect.arrayContaining(idsOf(wave2)));

        // Another "process" takes over the module's group.
        const second = fixture.newBus();
        subscribe(second);
        await second.start();
        await eventually(() => expect([...seen]).toEqual(expect.arrayContaining(idsOf([...wave1, ...wave2]))), waitMs);

        // And the same instance restarted: stop() forgets subscriptions, so they are registered again.
        await second.stop();
        const wave3 = wave(3);
        await bus.publish(wave3);
        subscribe(second);
        await second.start();
        await eventually(() => expect(seen).toEqual(new Set(idsOf([...wave1, ...wave2, ...wave3]))), waitMs);
        await second.stop();
      },
      testMs * 2,
    );

    it(
      'redelivers after a restart an event whose failing attempt was cut short by stop()',
      async () => {
        const module = moduleOf('cut-short');
        const handled = new Set<string>();
        let calls = 0;
        let started!: () => void;
        const firstAttemptRunning = new Promise<void>((resolve) => (started = resolve));
        let release!: () => void;
        const shutdownBegun = new Promise<void>((resolve) => (release = resolve));
        const subscribe = (b: IntegrationEventBus): void =>
          b.subscribe<TestPayload>({
            module,
            eventTypes: [typeOf('cut-short')],
            handler: async (e) => {
              if (++calls === 1) {
                started();
                await shutdownBegun;
                throw new Error('connection closed by shutdown');
              }
              handled.add(e.id);
            },
          });

        const consumer = fixture.newBus();
        subscribe(consumer);
        await consumer.start();
        const victim = event('cut-short', 'key-1', { seq: 1 });
        await bus.publish(victim);
        await firstAttemptRunning;
        const stopping = consumer.stop();
        await sleep(20);
        release();
        await stopping; // waits for the attempt in flight, then retries no more and commits nothing
        expect(handled.has(victim.id)).toBe(false);

        subscribe(consumer);
        await consumer.start();
        await eventually(() => expect(handled.has(victim.id)).toBe(true), waitMs);
        await consumer.stop();
      },
      testMs * 2,
    );

    it(
      'drains on stop(): an attempt that succeeds while stopping is committed, not redelivered after a restart',
      async () => {
        const module = moduleOf('drain');
        const handled: string[] = [];
        let started!: () => void;
        const running = new Promise<void>((resolve) => (started = resolve));
        let release!: () => void;
        const shutdownBegun = new Promise<void>((resolve) => (release = resolve));
        const subscribe = (b: IntegrationEventBus): void =>
          b.subscribe<TestPayload>({
            module,
            eventTypes: [typeOf('drain')],
            handler: async (e) => {
              if (e.payload.seq === 1 && handled.length === 0) {
                started();
                await shutdownBegun;
              }
              handled.push(e.id);
            },
          });

        const consumer = fixture.newBus();
        subscribe(consumer);
        await consumer.start();
        const slow = event('drain', 'key-1', { seq: 1 });
        await bus.publish(slow);
        await running;
        const stopping = consumer.stop();
        await sleep(20);
        release();
        await stopping;
        expect(handled).toEqual([slow.id]);

        // Same key: a redelivery of `slow` would arrive before the marker.
        subscribe(consumer);
        await consumer.start();
        const marker = event('drain', 'key-1', { seq: 2 });
        await bus.publish(marker);
        await eventually(() => expect(handled).toContain(marker.id), waitMs);
        expect(handled).toEqual([slow.id, marker.id]);
        await consumer.stop();
      },
      testMs * 2,
    );

    it(
      'rejects an invalid envelope on publish with a message naming the field, publishing nothing of the call',
      async () => {
        const key = `validation-${run}`;
        const good = event('delivery', key, { seq: 1 });
        await expect(bus.publish({ ...good, version: 2 })).rejects.toMatchObject({
          code: MESSAGING_ERRORS.INVALID_ENVELOPE,
          category: 'invalid',
          message: expect.stringContaining('version must equal the .v1 suffix'),
        });
        await expect(bus.publish({ ...good, type: 'Not A Type' })).rejects.toThrow(/type must look like <module>\.<event>\.v<N>/);
        await expect(bus.publish([good, { ...good, id: 'not-a-uuid' }])).rejects.toThrow(/#2 of 2.*id must be a UUID/);

        // Same key, so if `good` had gone out with the rejected call it would arrive before the marker.
        const marker = event('delivery', key, { seq: 2 });
        await bus.publish(marker);
        await eventually(() => expect(rec.delivery.handledIds()).toContain(marker.id), waitMs);
        expect(rec.delivery.handledIds()).not.toContain(good.id);
      },
      testMs,
    );

    it('refuses subscriptions while running, and malformed ones', () => {
      const handler = async (): Promise<void> => undefined;
      expect(() => bus.subscribe({ module: moduleOf('late'), eventTypes: [typeOf('late')], handler })).toThrow(
        expect.objectContaining({ code: MESSAGING_ERRORS.BUS_RUNNING }),
      );
      const idle = fixture.newBus();
      expect(() => idle.subscribe({ module: 'Bad Module', eventTypes: [typeOf('late')], handler })).toThrow(/module must be a lowercase name/);
      expect(() => idle.subscribe({ module: moduleOf('late'), eventTypes: ['late'], handler })).toThrow(/event type must look like/);
      expect(() => idle.subscribe({ module: moduleOf('late'), eventTypes: [typeOf('late')], handler, maxAttempts: 0 })).toThrow(/maxAttempts/);
      idle.subscribe({ module: moduleOf('late'), eventTypes: [typeOf('late')], handler });
      expect(() => idle.subscribe({ module: moduleOf('late'), eventTypes: [typeOf('late')], handler })).toThrow(
        expect.objectContaining({ code: MESSAGING_ERRORS.DUPLICATE_SUBSCRIPTION }),
      );
    });

    it(
      "runs handlers in the publisher's trace, and events they publish inherit correlation and cause",
      async () => {
        let first!: EventEnvelope<TestPayload>;
        let publisher!: { traceId: string; spanId: string };
        await trace.getTracer('contract').startActiveSpan('publisher', async (span) => {
          publisher = span.spanContext();
          first = event('trace', 'flight-1', { hop: 1 });
          await bus.publish(first);
          span.end();
        });
        expect(first.traceparent).toBe(`00-${publisher.traceId}-${publisher.spanId}-01`);

        await eventually(() => expect(rec.trace.handled().map((c) => c.envelope.payload.hop)).toEqual(expect.arrayContaining([1, 2])), waitMs);
        const hop1 = rec.trace.handled().find((c) => c.id === first.id) as Call;
        const hop2 = rec.trace.handled().find((c) => c.envelope.payload.hop === 2) as Call;
        expect(hop1.traceId).toBe(publisher.traceId);
        expect(hop1.spanId).not.toBe(publisher.spanId); // its own consumer span, child of the publisher's
        expect(hop2.traceId).toBe(publisher.traceId);
        expect(hop2.envelope.correlationId).toBe(first.correlationId);
        expect(hop2.envelope.causationId).toBe(first.id);

        const consumerSpans = await eventually(() => {
          const found = spans.getFinishedSpans().filter((s) => s.name === `process ${typeOf('trace')}`);
          expect(found.length).toBeGreaterThanOrEqual(2);
          return found;
        }, waitMs);
        for (const s of consumerSpans) {
          expect(s.kind).toBe(SpanKind.CONSUMER);
          expect(s.spanContext().traceId).toBe(publisher.traceId);
        }
        expect(consumerSpans.find((s) => s.spanContext().spanId === hop1.spanId)?.parentSpanContext?.spanId).toBe(publisher.spanId);
      },
      testMs,
    );
  });
}
