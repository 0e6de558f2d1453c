import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { parseFlightMessage } from '../../../domain/messages';
import type { FlightRecord } from '../../../domain/records';
import { BaggageStore } from '../../../ports/baggage-store';
import { DeadLetters, RejectedMessage } from '../../../ports/dead-letters';
import { BaggageMetrics } from '../../baggage-metrics';
import type { IngestResult } from '../../raw-message';
import { IngestFlightsCommand } from './ingest-flights.command';

/**
 * One Lua call for the whole batch, then the dead letters; the caller commits the offsets only after this resolves,
 * so a crash anywhere before means redelivery (and the upsert is idempotent).
 */
@CommandHandler(IngestFlightsCommand)
export class IngestFlightsHandler implements ICommandHandler<IngestFlightsCommand, IngestResult> {
  constructor(
    private readonly store: BaggageStore,
    private readonly deadLetters: DeadLetters,
    private readonly metrics: BaggageMetrics,
    private readonly clock: Clock,
  ) {}

  async execute({ topic, messages }: IngestFlightsCommand): Promise<IngestResult> {
    const started = performance.now();
    const flights: FlightRecord[] = [];
    const rejected: RejectedMessage[] = [];
    let latestArrival = 0;
    for (const m of messages) {
      const parsed = parseFlightMessage(m.value);
      if (parsed.ok) {
        flights.push(parsed.record);
        latestArrival = Math.max(latestArrival, parsed.record.arrivalTime);
      } else {
        rejected.push({ topic, partition: m.partition, offset: m.offset, key: m.key, value: m.value, reason: parsed.reason });
      }
    }
    const outcome = await this.store.upsertFlights(flights, this.clock.now().getTime() / 1000);
    if (rejected.length > 0) {
      await this.deadLetters.send(rejected);
      this.metrics.deadLetters.inc({ topic }, rejected.length);
    }
    this.metrics.processedFlights.inc(flights.length);
    if (latestArrival > 0) this.metrics.latestFlightArrival.set(latestArrival);
    this.metrics.flightProcessing.observe((performance.now() - started) / 1000);
    return { stored: flights.length, created: outcome.created, deadLettered: rejected.length };
  }
}
