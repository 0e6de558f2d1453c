import { formatValue } from '../domain/order';
import type { Order } from '../domain/order';
import type { LoggedStep } from '../ports/order-store';

/** The original's order shape: `value` as a decimal string without trailing zeros. */
export interface OrderView {
  id: string;
  value: string;
  user_id: string;
  installment: number;
  status: string;
  method: string;
}

export function orderView(order: Order): OrderView {
  return { id: order.id, value: formatValue(order.valueCents), user_id: order.userId, installment: order.installment, status: order.status, method: order.method };
}

export interface StepView {
  time: string;
  event: string;
  message: string;
  status: string;
}

export function stepView(step: LoggedStep): StepView {
  return { time: step.at.toISOString(), event: step.event, message: step.message, status: step.status };
}
