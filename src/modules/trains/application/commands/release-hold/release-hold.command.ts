import { Injectable } from '@nestjs/common';
import { TrainsErrors, checkSeats } from '../../../domain';
import { SeatHoldStore } from '../../../ports';
import { CatalogueService } from '../../catalogue.service';
import { guarded } from '../../store-errors';

/** Releases the caller's hold of one seat: not held → 404, held by someone else → 403. */
@Injectable()
export class ReleaseHoldCommand {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly holds: SeatHoldStore,
  ) {}

  async execute(input: { tripId: string; seat: string | number; userId: string }): Promise<void> {
    const trip = await this.catalogue.trip(input.tripId);
    const [seat] = checkSeats(trip.train, [input.seat], 1);
    const result = await guarded('the seat hold store', () => this.holds.release(trip.tripId, seat, input.userId));
    if (result === 'not_held') throw TrainsErrors.holdNotFound(seat);
    if (result === 'not_owner') throw TrainsErrors.notHoldOwner(seat);
  }
}
