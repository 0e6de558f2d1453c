import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import type { WorkItem } from '../../../domain/records';
import { BaggageStore } from '../../../ports/baggage-store';
import { WorkPublisher } from '../../../ports/work-publisher';
import { BaggageMetrics } from '../../baggage-metrics';
import { BAGGAGE_SETTINGS, BaggageSettings } from '../../baggage-settings';
import { ProduceArrivingWorkCommand, WorkTickResult } from './produce-arriving-work.command';

/**
 * One tick: (1) items produced earlier but never confirmed published (a producer died between claim and Kafka) are
 * sent again; (2) flights arriving within the window are claimed in batches — the store claims each flight exactly
 * once, whoever asks — and their items are published, then confirmed; (3) flights touched by late bags or legs whose
 * item changed before landing are re-published as corrections. A publish failure leaves the items unconfirmed, so the
 * next tick (or the next leader) sends them.
 */
@CommandHandler(ProduceArrivingWorkCommand)
export class ProduceArrivingWorkHandler implements ICommandHandler<ProduceArrivingWorkCommand, WorkTickResult> {
  constructor(
    private readonly store: BaggageStore,
    private readonly publisher: WorkPublisher,
    private readonly metrics: BaggageMetrics,
    private readonly clock: Clock,
    @Inject(BAGGAGE_SETTINGS) private readonly settings: BaggageSettings,
  ) {}

  async execute(): Promise<WorkTickResult> {
    const started = performance.now();
    const now = this.clock.now().getTime() / 1000;
    const { claimBatch, maxFlightsPerTick, windowSeconds } = this.settings;
    const result: WorkTickResult = { produced: 0, corrections: 0, resent: 0 };

    const stale = await this.store.unpublished(claimBatch, now);
    result.resent = await this.send(stale, 'resend');

    let claimed = 0;
    while (claimed < maxFlightsPerTick) {
      const items = await this.store.claimArrivals(now + windowSeconds, Math.min(claimBatch, maxFlightsPerTick - claimed), now);
      if (items.length === 0) break;
      claimed += items.length;
      result.produced += await this.send(items, 'first');
    }

    const corrected = await this.store.takeCorrections(claimBatch, now);
    result.corrections = await this.send(corrected, 'correction');

    const counts = await this.store.counts();
    this.metrics.storedFlights.set(counts.flights);
    this.metrics.storedBags.set(counts.bags);
    this.metrics.workProcessing.observe((performance.now() - started) / 1000);
    return result;
  }

  private async send(items: readonly WorkItem[], kind: 'first' | 'correction' | 'resend'): Promise<number> {
    if (items.length === 0) return 0;
    await this.publisher.publish(items);
    await this.store.markPublished(items.map((i) => i.id));
    this.metrics.producedWork.inc({ kind }, items.length);
    this.metrics.latestWorkArrival.set(Math.max(...items.map((i) => i.arrivalTime)));
    return items.length;
  }
}
