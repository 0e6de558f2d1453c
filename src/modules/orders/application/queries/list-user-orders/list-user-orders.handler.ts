import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@libs/kernel';
import { ORDERS_ERRORS } from '../../../domain/errors';
import { OrderStore } from '../../../ports/order-store';
import { ORDERS_SETTINGS, OrdersSettings } from '../../orders-settings';
import { OrderView, orderView } from '../../views';

export interface UserOrdersPage {
  offset: number;
  limit: number;
  /** The user's total number of orders (the original returned the page size). */
  total: number;
  orders: OrderView[];
}

@Injectable()
export class ListUserOrdersHandler {
  constructor(
    private readonly store: OrderStore,
    @Inject(ORDERS_SETTINGS) private readonly settings: OrdersSettings,
  ) {}

  async execute(userId: string, rawOffset: unknown, rawLimit: unknown): Promise<UserOrdersPage> {
    const offset = this.int('offset', rawOffset, 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = this.int('limit', rawLimit, this.settings.maxPageSize, 1, this.settings.maxPageSize);
    const page = await this.store.listByUser(userId, offset, limit);
    return { offset, limit, total: page.total, orders: page.orders.map(orderView) };
  }

  private int(field: string, raw: unknown, fallback: number, min: number, max: number): number {
    if (raw === undefined || raw === '') return fallback;
    const text = String(raw);
    if (!/^\d{1,15}$/.test(text) || Number(text) < min || Number(text) > max) {
      throw DomainError.invalid(ORDERS_ERRORS.VALIDATION_FAILED, `${field} must be an integer from ${min} to ${max}`, { field });
    }
    return Number(text);
  }
}
