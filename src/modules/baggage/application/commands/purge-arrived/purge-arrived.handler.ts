import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { BaggageStore } from '../../../ports/baggage-store';
import { BAGGAGE_SETTINGS, BaggageSettings } from '../../baggage-settings';
import { PurgeArrivedCommand } from './purge-arrived.command';

const PER_CALL = 500;
const MAX_CALLS = 200;

/** Deletes in calls of 500 flights, so Redis is never blocked long by one script. */
@CommandHandler(PurgeArrivedCommand)
export class PurgeArrivedHandler implements ICommandHandler<PurgeArrivedCommand, { flights: number; bags: number }> {
  constructor(
    private readonly store: BaggageStore,
    private readonly clock: Clock,
    @Inject(BAGGAGE_SETTINGS) private readonly settings: BaggageSettings,
  ) {}

  async execute(): Promise<{ flights: number; bags: number }> {
    const cutoff = this.clock.now().getTime() / 1000 - this.settings.retentionSeconds;
    const total = { flights: 0, bags: 0 };
    for (let call = 0; call < MAX_CALLS; call++) {
      const removed = await this.store.purgeArrived(cutoff, PER_CALL);
      total.flights += removed.flights;
      total.bags += removed.bags;
      if (removed.flights < PER_CALL) break;
    }
    return total;
  }
}
