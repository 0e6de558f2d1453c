import type { Order, OrderStatus } from '../../../domain/order';

/** An orders.orders row as node-postgres returns it. */
export interface OrderRow {
  id: string;
  user_id: string;
  value_cents: string;
  installment: number;
  method: string;
  status: OrderStatus;
  started: boolean;
  balance_check: Order['balanceCheck'];
  user_check: Order['userCheck'];
  created_at: Date;
  updated_at: Date;
}

export const COLUMNS = 'id, user_id, value_cents, installment, method, status, started, balance_check, user_check, created_at, updated_at';

export function toOrder(r: OrderRow): Order {
  return {
    id: r.id,
    userId: r.user_id,
    valueCents: Number(r.value_cents),
    installment: r.installment,
    method: r.method,
    status: r.status,
    started: r.started,
    balanceCheck: r.balance_check,
    userCheck: r.user_check,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toRow(o: Order): OrderRow {
  return {
    id: o.id,
    user_id: o.userId,
    value_cents: String(o.valueCents),
    installment: o.installment,
    method: o.method,
    status: o.status,
    started: o.started,
    balance_check: o.balanceCheck,
    user_check: o.userCheck,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  };
}
