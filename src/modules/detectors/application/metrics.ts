import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { MetricsService } from '@libs/platform';

/** The module's business counters on /metrics. */
@Injectable()
export class DetectorsMetrics {
  readonly detectionsStored: Counter<'device'>;
  readonly travelTimesComputed: Counter<'status'>;
  readonly ownedDestinations: Gauge;

  constructor(metrics: MetricsService) {
    this.detectionsStored = metrics.counter('detectors_detections_stored_total', 'Detections stored, by device type', ['device']);
    this.travelTimesComputed = metrics.counter('detectors_travel_times_computed_total', 'Travel-time results computed, by status', ['status']);
    this.ownedDestinations = metrics.gauge('detectors_owned_destinations', 'Destination detectors this process computes travel times for');
  }
}
