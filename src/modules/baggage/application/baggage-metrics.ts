import { Injectable } from '@nestjs/common';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '@libs/platform';

const BATCH_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** The `kind` label of produced_arriving_flight_work_total. */
export const WORK_KINDS = ['first', 'correction', 'resend'] as const;

/** Prometheus metrics with seed 003's names (its Grafana dashboard keeps working), plus dead letters and lag. */
@Injectable()
export class BaggageMetrics {
  readonly processedFlights: Counter;
  readonly flightProcessing: Histogram;
  readonly latestFlightArrival: Gauge;
  readonly processedBags: Counter;
  readonly bagProcessing: Histogram;
  readonly producedWork: Counter<'kind'>;
  readonly workProcessing: Histogram;
  readonly latestWorkArrival: Gauge;
  readonly storedFlights: Gauge;
  readonly storedBags: Gauge;
  readonly producedTestFlights: Counter;
  readonly producedTestBags: Counter;
  readonly deadLetters: Counter<'topic'>;
  readonly workPublishFailures: Counter<'kind'>;
  readonly workDeadLettered: Counter;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;

  constructor(metrics: MetricsService) {
    this.processedFlights = metrics.counter('processed_flights_total', 'Flight messages consumed and stored in Redis');
    this.flightProcessing = metrics.histogram('flight_processing_seconds', 'Time to store one consumed batch of flights', [], BATCH_BUCKETS);
    this.latestFlightArrival = metrics.gauge('latest_consumed_flight_arrival_timestamp', 'Arrival time (unix seconds) of the latest consumed flight');
    this.processedBags = metrics.counter('processed_bags_total', 'Bag messages consumed and stored in Redis');
    this.bagProcessing = metrics.histogram('bag_processing_seconds', 'Time to store one consumed batch of bags', [], BATCH_BUCKETS);
    this.producedWork = metrics.counter('produced_arriving_flight_work_total', 'Arriving-flight work items produced (kind: first, correction, resend)', ['kind']);
    // A series per kind at 0 from boot, so rate() and the dashboard show 0 rather than "no data" before the first item.
    for (const kind of WORK_KINDS) this.producedWork.inc({ kind }, 0);
    this.workProcessing = metrics.histogram('arriving_flight_work_processing_seconds', 'Duration of one work producer tick', [], BATCH_BUCKETS);
    this.latestWorkArrival = metrics.gauge('latest_work_arrival_timestamp', 'Arrival time (unix seconds) of the latest produced work item');
    this.storedFlights = metrics.gauge('redis_stored_flights_total', 'Flights stored (flight:count)');
    this.storedBags = metrics.gauge('redis_stored_bags_total', 'Bags stored (bag:count)');
    this.producedTestFlights = metrics.counter('produced_test_flights_total', 'Test flights produced by the test data producer');
    this.producedTestBags = metrics.counter('produced_test_bags_total', 'Test bags produced by the test data producer');
    this.deadLetters = metrics.counter('baggage_dead_letters_total', 'Malformed stream messages sent to <topic>.dlq', ['topic']);
    this.workPublishFailures = metrics.counter('baggage_work_publish_failures_total', 'Work items the broker refused or could not take (sent again next tick; the log names the flight)', ['kind']);
    this.workDeadLettered = metrics.counter('baggage_work_dead_lettered_total', 'Work items too large for the broker even alone, summarised to <work topic>.dlq');
    this.consumerLag = metrics.gauge('kafka_consumer_lag', 'Messages a consumer group is behind, per topic partition (after its last fetched batch)', ['group', 'topic', 'partition']);
  }
}
