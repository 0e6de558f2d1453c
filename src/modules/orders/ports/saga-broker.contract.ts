import { randomUUID } from 'node:crypto';
import { eventually } from '@libs/testing';
import type { SagaMessage } from './order-store';
import type { InboundMessage, SagaBroker } from './saga-broker';

/** The behaviour every SagaBroker adapter must have (memory spec, Kafka int-spec). */
export function sagaBrokerContract(name: string, create: () => Promise<{ broker: SagaBroker; teardown?: () => Promise<void> }>, timeoutMs = 5000): void {
  describe(`SagaBroker contract: ${name}`, () => {
    const msg = (topic: string, key: string, n: number): SagaMessage => {
      const id = randomUUID();
      return { id, topic, key, headers: { event: `e${n}`, event_id: id, aggregate_id: key }, value: JSON.stringify({ n }) };
    };

    it('delivers to every group once, in order per key, with key and headers; a throw redelivers the message', async () => {
      const { broker, teardown } = await create();
      const a: InboundMessage[] = [];
      const b: InboundMessage[] = [];
      let failOnce = true;
      broker.subscribe('group-a', ['topic-orchestrator'], async (m) => {
        a.push(m);
      });
      broker.subscribe('group-b', ['topic-orchestrator', 'topic-user-balance-validator'], async (m) => {
        if (m.headers.event === 'e2' && failOnce) {
          failOnce = false;
          throw new Error('retry me');
        }
        b.push(m);
      });
      try {
        await broker.start();
        const key = randomUUID();
        const sent = [msg('topic-orchestrator', key, 1), msg('topic-orchestrator', key, 2), msg('topic-orchestrator', key, 3), msg('topic-user-balance-validator', key, 4)];
        await broker.publish(sent);
        await eventually(() => {
          expect(a.map((m) => m.headers.event)).toEqual(['e1', 'e2', 'e3']);
          expect(b.filter((m) => m.topic === 'topic-orchestrator').map((m) => m.headers.event)).toEqual(['e1', 'e2', 'e3']);
          expect(b.filter((m) => m.topic === 'topic-user-balance-validator').map((m) => m.headers.event)).toEqual(['e4']);
        }, timeoutMs, 20);
        expect(a[0]).toMatchObject({ topic: 'topic-orchestrator', key, value: sent[0].value, headers: sent[0].headers });
      } finally {
        await broker.stop();
        await teardown?.();
      }
    });
  });
}
