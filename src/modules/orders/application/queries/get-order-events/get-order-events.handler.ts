import { Injectable } from '@nestjs/common';
import { DomainError } from '@libs/kernel';
import { ORDERS_ERRORS } from '../../../domain/errors';
import { OrderStore } from '../../../ports/order-store';
import { StepView, stepView } from '../../views';

@Injectable()
export class GetOrderEventsHandler {
  constructor(private readonly store: OrderStore) {}

  async execute(id: string): Promise<{ order_id: string; events: StepView[] }> {
    if (!(await this.store.find(id))) throw DomainError.notFound(ORDERS_ERRORS.ORDER_NOT_FOUND, `order ${id} not found`);
    return { order_id: id, events: (await this.store.events(id)).map(stepView) };
  }
}
