import { Counter, Gauge, Registry } from 'prom-client';

/**
 * The test data producer's metrics, with seed 003's names (its dashboard plots them): served on `--metrics-port` by
 * `npm run baggage:produce`.
 */
export function testProducerMetrics(registry: Registry): { flights: Counter; bags: Counter; latestFlightArrival: Gauge } {
  return {
    flights: new Counter({ name: 'produced_test_flights_total', help: 'Test flights produced', registers: [registry] }),
    bags: new Counter({ name: 'produced_test_bags_total', help: 'Test bags produced', registers: [registry] }),
    // The original set it as it sent each flight; here it is the latest arrival among the flights sent so far.
    latestFlightArrival: new Gauge({ name: 'latest_produced_flight_arrival_timestamp', help: 'Arrival time (unix seconds) of the latest produced test flight', registers: [registry] }),
  };
}

/** Keeps the producer's metrics in step with GenerateTestData's progress reports (which carry running totals). */
export function recordProgress(metrics: ReturnType<typeof testProducerMetrics>): (progress: { sentBags: number; sentFlights: number; latestFlightArrival?: number }) => void {
  let counted = { bags: 0, flights: 0 };
  return (p) => {
    metrics.bags.inc(p.sentBags - counted.bags);
    metrics.flights.inc(p.sentFlights - counted.flights);
    counted = { bags: p.sentBags, flights: p.sentFlights };
    if (p.latestFlightArrival !== undefined) metrics.latestFlightArrival.set(p.latestFlightArrival);
  };
}
