// Allowed: a cycle in which one edge is type-only is erased by the compiler (no runtime cycle).
import { OrderLine } from './order-line';

export class Order {
  readonly lines: OrderLine[] = [];
}
