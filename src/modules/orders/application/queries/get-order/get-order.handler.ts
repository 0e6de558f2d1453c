import { Injectable } from '@nestjs/common';
import { DomainError } from '@libs/kernel';
import { ORDERS_ERRORS } from '../../../domain/errors';
import { OrderStore } from '../../../ports/order-store';
import { OrderView, orderView } from '../../views';

@Injectable()
export class GetOrderHandler {
  constructor(private readonly store: OrderStore) {}

  async execute(id: string): Promise<OrderView> {
    const order = await this.store.find(id);
    if (!order) throw DomainError.notFound(ORDERS_ERRORS.ORDER_NOT_FOUND, `order ${id} not found`);
    return orderView(order);
  }
}
