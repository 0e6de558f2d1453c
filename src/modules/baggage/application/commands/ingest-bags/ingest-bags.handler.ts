import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { parseBagMessage } from '../../../domain/messages';
import type { BagRecord } from '../../../domain/records';
import { BaggageStore } from '../../../ports/baggage-store';
import { DeadLetters, RejectedMessage } from '../../../ports/dead-letters';
import { BaggageMetrics } from '../../baggage-metrics';
import type { IngestResult } from '../../raw-message';
import { IngestBagsCommand } from './ingest-bags.command';

/** One Lua call for the whole batch, then the dead letters; the caller commits afterwards (see IngestFlightsHandler). */
@CommandHandler(IngestBagsCommand)
export class IngestBagsHandler implements ICommandHandler<IngestBagsCommand, IngestResult> {
  constructor(
    private readonly store: BaggageStore,
    private readonly deadLetters: DeadLetters,
    private readonly metrics: BaggageMetrics,
    private readonly clock: Clock,
  ) {}

  async execute({ topic, messages }: IngestBagsCommand): Promise<IngestResult> {
    const started = performance.now();
    const bags: BagRecord[] = [];
    const rejected: RejectedMessage[] = [];
    for (const m of messages) {
      const parsed = parseBagMessage(m.value);
      if (parsed.ok) bags.push(parsed.record);
      else rejected.push({ topic, partition: m.partition, offset: m.offset, key: m.key, value: m.value, reason: parsed.reason });
    }
    const outcome = await this.store.upsertBags(bags, this.clock.now().getTime() / 1000);
    if (rejected.length > 0) {
      await this.deadLetters.send(rejected);
      this.metrics.deadLetters.inc({ topic }, rejected.length);
    }
    this.metrics.processedBags.inc(bags.length);
    this.metrics.bagProcessing.observe((performance.now() - started) / 1000);
    return { stored: bags.length, created: outcome.created, deadLettered: rejected.length };
  }
}
