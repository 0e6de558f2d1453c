import type { Order } from './order';

export class OrderLine {
  constructor(readonly order: Order) {}
}
