import { ManualClock } from '@libs/kernel';
import { createLogger, MetricsService } from '@libs/platform';
import { MemoryBaggageStore } from './adapters/outbound/memory/memory-baggage-store';
import type { WorkItem } from './domain/records';
import { PublishReport, WorkPublisher } from './ports/work-publisher';
import { BaggageMetrics } from './application/baggage-metrics';
import type { BaggageSettings } from './application/baggage-settings';
import { ProduceArrivingWorkHandler } from './application/commands/produce-arriving-work/produce-arriving-work.handler';

const NOW = 1_767_225_600;

/** A broker stand-in that refuses the ids in `refuse`, dead-letters those in `tooLarge` and delivers the rest. */
class ScriptedPublisher extends WorkPublisher {
  readonly delivered: string[] = [];
  refuse = new Set<string>();
  tooLarge = new Set<string>();
  async publish(items: readonly WorkItem[]): Promise<PublishReport> {
    const report: PublishReport = { delivered: [], deadLettered: [], failed: [] };
    for (const { id } of items) {
      if (this.refuse.has(id)) report.failed.push({ id, reason: 'NOT_ENOUGH_REPLICAS' });
      else if (this.tooLarge.has(id)) report.deadLettered.push({ id, reason: 'MESSAGE_TOO_LARGE' });
      else report.delivered.push(id);
    }
    this.delivered.push(...report.delivered);
    return report;
  }
}

async function setup() {
  const store = new MemoryBaggageStore();
  const flights = Array.from({ length: 10 }, (_, i) => ({ id: `FL_${i}`, departureTime: NOW - 3600, arrivalTime: NOW + i, bags: [`B_${i}`] }));
  await store.upsertFlights(flights, NOW);
  await store.upsertBags([{ id: 'B_0', flights: ['FL_0'] }], NOW);
  const publisher = new ScriptedPublisher();
  const metrics = new BaggageMetrics(new MetricsService());
  const settings = { claimBatch: 4, maxFlightsPerTick: 100, windowSeconds: 600 } as BaggageSettings;
  const handler = new ProduceArrivingWorkHandler(store, publisher, metrics, new ManualClock(new Date(NOW * 1000)), settings, createLogger({ level: 'silent', processName: 'test' }));
  return { store, publisher, metrics, handler };
}

describe('ProduceArrivingWorkHandler', () => {
  it('keeps refused items unpublished without holding back the rest of their batch, and sends them once accepted', async () => {
    const { store, publisher, metrics, handler } = await setup();
    publisher.refuse = new Set(['FL_1']);
    const first = await handler.execute();
    // The first claim batch (FL_0..FL_3) had a refusal: three delivered, claiming stops for this tick.
    expect(first).toEqual({ produced: 3, corrections: 0, resent: 0, failed: 1 });
    expect((await store.unpublished(100, NOW)).map((i) => i.id)).toEqual(['FL_1']);
    expect((await metrics.workPublishFailures.get()).values[0]).toMatchObject({ labels: { kind: 'first' }, value: 1 });
    expect((await metrics.storedFlights.get()).values[0].value).toBe(10);

    publisher.refuse.clear();
    expect(await handler.execute()).toEqual({ produced: 6, corrections: 0, resent: 1, failed: 0 });
    expect(await handler.execute()).toEqual({ produced: 0, corrections: 0, resent: 0, failed: 0 });
    expect([...publisher.delivered].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `FL_${i}`));
  });

  it('confirms a dead-lettered item so it never blocks later ticks', async () => {
    const { store, publisher, metrics, handler } = await setup();
    publisher.tooLarge = new Set(['FL_2']);
    expect(await handler.execute()).toEqual({ produced: 9, corrections: 0, resent: 0, failed: 0 });
    expect(await store.unpublished(100, NOW)).toEqual([]);
    expect((await metrics.workDeadLettered.get()).values[0].value).toBe(1);
  });

  it('refreshes the stored-count gauges even when the store fails mid-tick', async () => {
    const { store, metrics, handler } = await setup();
    jest.spyOn(store, 'claimArrivals').mockRejectedValueOnce(new Error('redis down'));
    await expect(handler.execute()).rejects.toThrow('redis down');
    expect((await metrics.storedBags.get()).values[0].value).toBe(1);
  });
});
