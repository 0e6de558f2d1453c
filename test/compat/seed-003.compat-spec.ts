/**
 * Seed 003 (Flight Baggage Tracking System): its Grafana dashboard's client is Prometheus, which scrapes /metrics of
 * the app and of the test data producer. Every metric name the dashboard queries (seed 003's, listed below, and every
 * name in Junction's shipped docker/grafana/dashboards/baggage.json) must be served by one of them, and
 * produced_arriving_flight_work_total must have a series at 0 from boot (rate() shows 0 instead of "no data").
 *
 * redis_memory_used_bytes (a Redis exporter in the original) is served by the app from its Redis (INFO memory) with
 * ADAPTERS=real: proved against real Redis by src/modules/baggage/adapters/outbound/redis/redis-memory-metric.int-spec.ts;
 * with memory adapters there is no Redis and no series. docs/compatibility.md ("baggage", metrics) names this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { recordProgress, testProducerMetrics } from '../../src/modules/baggage/adapters/inbound/cli/producer-metrics';
import { GenerateTestData } from '../../src/modules/baggage/application/commands/generate-test-data/generate-test-data';
import type { BagRecord, FlightRecord } from '../../src/modules/baggage/domain/records';
import { TestDataSink } from '../../src/modules/baggage/ports/test-data-sink';
import { bootForTest, BootedForTest } from '../support/boot';

/** The names seed 003's dashboard and README rely on (baggage spec, "Metrics"), and which process serves them. */
const APP_NAMES = [
  'processed_flights_total',
  'flight_processing_seconds',
  'latest_consumed_flight_arrival_timestamp',
  'processed_bags_total',
  'bag_processing_seconds',
  'produced_arriving_flight_work_total',
  'arriving_flight_work_processing_seconds',
  'latest_work_arrival_timestamp',
  'redis_stored_flights_total',
  'redis_stored_bags_total',
];
const PRODUCER_NAMES = ['produced_test_flights_total', 'produced_test_bags_total', 'latest_produced_flight_arrival_timestamp'];
const REDIS_EXPORTER_NAMES = ['redis_memory_used_bytes'];

/** Metric names in a Prometheus text exposition (histograms by their base name). */
function servedNames(exposition: string): Set<string> {
  return new Set([...exposition.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
}

class CollectingSink extends TestDataSink {
  readonly flights: FlightRecord[] = [];
  async sendBags(_bags: readonly BagRecord[]): Promise<void> {}
  async sendFlights(flights: readonly FlightRecord[]): Promise<void> {
    this.flights.push(...flights);
  }
  async close(): Promise<void> {}
}

describe('seed 003 (baggage): the Grafana dashboard finds every metric it queries', () => {
  let junction: BootedForTest;
  let appMetrics: string;

  beforeAll(async () => {
    junction = await bootForTest({ ADAPTERS: 'memory', MODULES: 'identity,baggage', BAGGAGE_CONSUMERS: 'false', BAGGAGE_WORK_PRODUCER: 'false', BAGGAGE_DEMO_DATA: 'false' });
    const res = await fetch(`${junction.httpUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    appMetrics = await res.text();
  });

  afterAll(async () => {
    await junction?.close();
  });

  it("serves the app's names on /metrics", () => {
    const served = servedNames(appMetrics);
    expect(APP_NAMES.filter((n) => !served.has(n))).toEqual([]);
  });

  it('has produced_arriving_flight_work_total at 0 for every kind from boot, before any work item', () => {
    for (const kind of ['first', 'correction', 'resend']) {
      expect(appMetrics).toMatch(new RegExp(`^produced_arriving_flight_work_total\\{[^}]*kind="${kind}"[^}]*\\} 0$`, 'm'));
    }
  });

  it('invents no redis_memory_used_bytes without a Redis (memory adapters)', () => {
    expect(servedNames(appMetrics).has('redis_memory_used_bytes')).toBe(false);
  });

  it("serves the test producer's names, latest_produced_flight_arrival_timestamp being the latest arrival sent", async () => {
    const registry = new Registry();
    const sink = new CollectingSink();
    await new GenerateTestData(sink).execute({ hours: 2, flightsPerHour: 20, bagsPerHour: 200, start: 1_900_000_000, seed: 3, onProgress: recordProgress(testProducerMetrics(registry)) });
    const text = await registry.metrics();
    expect(PRODUCER_NAMES.filter((n) => !servedNames(text).has(n))).toEqual([]);
    expect(text).toMatch(/^produced_test_flights_total 40$/m);
    expect(text).toMatch(/^produced_test_bags_total 400$/m);
    const latest = Math.max(...sink.flights.map((f) => f.arrivalTime));
    expect(text).toMatch(new RegExp(`^latest_produced_flight_arrival_timestamp ${latest}$`, 'm'));
  });

  it('covers every metric the shipped dashboard (docker/grafana/dashboards/baggage.json) queries', () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '../../docker/grafana/dashboards/baggage.json'), 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    const known = new Set([...APP_NAMES, ...PRODUCER_NAMES, ...REDIS_EXPORTER_NAMES, 'baggage_dead_letters_total', 'kafka_consumer_lag']);
    // Metric names are the identifiers directly followed by `{`, `[`, `)` or ` ` in PromQL (functions are followed by `(`).
    const queried = new Set(exprs.flatMap((e) => [...e.matchAll(/\b([a-z_][a-z0-9_]*)\b(?=\s*[[{)\s*]|$)/g)].map((m) => m[1].replace(/_bucket$/, ''))).filter((n) => n.includes('_') && !['by', 'le', 'kind', 'topic'].includes(n)));
    expect([...queried].filter((n) => !known.has(n))).toEqual([]);
    for (const name of [...PRODUCER_NAMES, ...REDIS_EXPORTER_NAMES, 'produced_arriving_flight_work_total']) expect(queried.has(name)).toBe(true);
    // And the app really serves its part of them.
    const served = servedNames(appMetrics);
    expect([...queried].filter((n) => !served.has(n) && !PRODUCER_NAMES.includes(n) && !REDIS_EXPORTER_NAMES.includes(n))).toEqual([]);
  });
});
