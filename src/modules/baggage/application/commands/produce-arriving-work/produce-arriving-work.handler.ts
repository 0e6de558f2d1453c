import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { LOGGER, PinoLogger } from '@libs/platform';
import type { WorkItem } from '../../../domain/records';
import { BaggageStore } from '../../../ports/baggage-store';
import { WorkPublisher } from '../../../ports/work-publisher';
import { BaggageMetrics } from '../../baggage-metrics';
import { BAGGAGE_SETTINGS, BaggageSettings } from '../../baggage-settings';
import { ProduceArrivingWorkCommand, WorkTickResult } from './produce-arriving-work.command';

type Kind = 'first' | 'correction' | 'resend';

/**
 * One tick: (1) items produced earlier but never confirmed published (a producer died between claim and Kafka, or the
 * broker refused them) are sent again; (2) flights arriving within the window are claimed in batches — the store
 * claims each flight exactly once, whoever asks — and their items are published, then confirmed; (3) flights touched
 * by late bags or legs whose item changed before landing are re-published as corrections.
 *
 * The publisher reports per item: a refused item stays unconfirmed (sent again next tick) without holding back the
 * others; a step whose sends fail stops claiming more for this tick, so an outage does not move the whole window into
 * the unpublished list at once. The stored-count gauges are refreshed whatever happens.
 */
@CommandHandler(ProduceArrivingWorkCommand)
export class ProduceArrivingWorkHandler implements ICommandHandler<ProduceArrivingWorkCommand, WorkTickResult> {
  constructor(
    private readonly store: BaggageStore,
    private readonly publisher: WorkPublisher,
    private readonly metrics: BaggageMetrics,
    private readonly clock: Clock,
    @Inject(BAGGAGE_SETTINGS) private readonly settings: BaggageSettings,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  async execute(): Promise<WorkTickResult> {
    const started = performance.now();
    const result: WorkTickResult = { produced: 0, corrections: 0, resent: 0, failed: 0 };
    try {
      await this.tick(result);
    } finally {
      await this.refreshGauges();
      this.metrics.workProcessing.observe((performance.now() - started) / 1000);
    }
    return result;
  }

  private async tick(result: WorkTickResult): Promise<void> {
    const now = this.clock.now().getTime() / 1000;
    const { claimBatch, claimMaxBags, maxFlightsPerTick, windowSeconds } = this.settings;

    const stale = await this.send(await this.store.unpublished(claimBatch, now), 'resend', result);
    result.resent = stale.delivered;
    if (stale.failed > 0) return;

    let claimed = 0;
    while (claimed < maxFlightsPerTick) {
      const items = await this.store.claimArrivals(now + windowSeconds, Math.min(claimBatch, maxFlightsPerTick - claimed), now, claimMaxBags);
      if (items.length === 0) break;
      claimed += items.length;
      const sent = await this.send(items, 'first', result);
      result.produced += sent.delivered;
      if (sent.failed > 0) return;
    }

    result.corrections = (await this.send(await this.store.takeCorrections(claimBatch, now), 'correction', result)).delivered;
  }

  private async send(items: readonly WorkItem[], kind: Kind, result: WorkTickResult): Promise<{ delivered: number; failed: number }> {
    if (items.length === 0) return { delivered: 0, failed: 0 };
    const report = await this.publisher.publish(items);
    const done = [...report.delivered, ...report.deadLettered.map((d) => d.id)];
    if (done.length > 0) await this.store.markPublished(done);
    for (const { id, reason } of report.deadLettered) {
      this.metrics.workDeadLettered.inc();
      this.logger.error({ module: 'baggage', flightId: id, kind, reason }, 'work item dead-lettered');
    }
    for (const { id, reason } of report.failed) {
      this.metrics.workPublishFailures.inc({ kind });
      this.logger.warn({ module: 'baggage', flightId: id, kind, reason }, 'work item not published; retrying next tick');
    }
    result.failed += report.failed.length;
    if (report.delivered.length > 0) {
      const delivered = new Set(report.delivered);
      this.metrics.producedWork.inc({ kind }, delivered.size);
      this.metrics.latestWorkArrival.set(Math.max(...items.filter((i) => delivered.has(i.id)).map((i) => i.arrivalTime)));
    }
    return { delivered: report.delivered.length, failed: report.failed.length };
  }

  private async refreshGauges(): Promise<void> {
    try {
      const counts = await this.store.counts();
      this.metrics.storedFlights.set(counts.flights);
      this.metrics.storedBags.set(counts.bags);
    } catch (error) {
      this.logger.warn({ module: 'baggage', error: (error as Error).message }, 'stored counts unavailable');
    }
  }
}
