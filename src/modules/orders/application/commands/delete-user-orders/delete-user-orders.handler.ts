import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, PinoLogger } from '@libs/platform';
import { parseUserId } from '../../../domain/order';
import { OrderStore } from '../../../ports/order-store';

export interface DeletedUserOrders {
  user_id: string;
  /** Settled orders (APPROVED/CANCELED) removed with their event logs. */
  deleted: number;
  /** Orders still PROCESSING, kept so that no saga in flight loses its order (delete again once they settled). */
  kept_processing: number;
}

/** Seed 004's test clean-up (`DELETE /api/orders/user/{user_id}`): the user's settled orders go. */
@Injectable()
export class DeleteUserOrdersHandler {
  constructor(
    private readonly store: OrderStore,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  async execute(rawUserId: unknown): Promise<DeletedUserOrders> {
    const userId = parseUserId(rawUserId);
    const { deleted, processing } = await this.store.deleteSettledByUser(userId);
    this.logger.info({ module: 'orders', deleted, keptProcessing: processing }, "a user's settled orders were deleted");
    return { user_id: userId, deleted, kept_processing: processing };
  }
}
