import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '@libs/platform';

/** flights' business counters on /metrics. */
@Injectable()
export class FlightsMetrics {
  readonly cycles: Counter<'outcome'>;
  readonly flightsStored: Counter<'direction'>;
  readonly alerts: Counter;

  constructor(metrics: MetricsService) {
    this.cycles = metrics.counter('flights_collection_cycles_total', 'Collection cycles by outcome', ['outcome']);
    this.flightsStored = metrics.counter('flights_fetched_total', 'Flights fetched from the flight source by direction', ['direction']);
    this.alerts = metrics.counter('flights_threshold_alerts_total', 'Threshold alerts raised');
  }
}
