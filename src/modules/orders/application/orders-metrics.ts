import { Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@libs/platform';

/** Business metrics of the orders module on /metrics. */
@Injectable()
export class OrdersMetrics {
  readonly settled: Counter<'status'>;
  readonly sagaLatency: Histogram<'status'>;
  readonly deadLetters: Counter<'topic' | 'reason'>;
  readonly created: Counter<string>;

  constructor(metrics: MetricsService) {
    this.settled = metrics.counter('orders_settled_total', 'Orders settled by the saga, by final status', ['status']);
    this.sagaLatency = metrics.histogram('orders_saga_duration_seconds', 'From order creation to settlement', ['status'], [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]);
    this.deadLetters = metrics.counter('orders_dead_letters_total', 'Saga messages sent to the dead-letter topic', ['topic', 'reason']);
    this.created = metrics.counter('orders_created_total', 'Orders created');
  }
}
