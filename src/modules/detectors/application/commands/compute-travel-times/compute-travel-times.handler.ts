import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import type { Detection, SightingsByDevice, TravelTime } from '../../../domain';
import { pairSamples, summarize } from '../../../domain';
import { DetectorRepository } from '../../../ports';
import { DETECTORS_SETTINGS, DetectorsSettings } from '../../detectors-settings';
import { DetectorsMetrics } from '../../metrics';

/**
 * Recomputes the travel times of every link into one destination detector over the rolling window, and stores them.
 * Run by the worker that owns the destination (or directly, in tests and tools).
 */
@Injectable()
export class ComputeTravelTimesHandler {
  constructor(
    private readonly repository: DetectorRepository,
    private readonly clock: Clock,
    @Inject(DETECTORS_SETTINGS) private readonly settings: DetectorsSettings,
    private readonly metrics: DetectorsMetrics,
  ) {}

  async execute(destDetectorId: string): Promise<TravelTime[]> {
    const links = await this.repository.listLinks(destDetectorId);
    if (links.length === 0) return [];
    const nowMs = this.clock.now().getTime();
    const nowNs = BigInt(nowMs) * 1_000_000n;
    const windowNs = BigInt(this.settings.windowSeconds) * 1_000_000_000n;
    const toSeconds = nowMs / 1000;
    const fromSeconds = toSeconds - this.settings.windowSeconds;
    const dest = sightings(await this.repository.findDetections(destDetectorId, { afterNs: nowNs - windowNs, beforeNs: nowNs + 1n }, 0));
    const results: TravelTime[] = [];
    for (const link of links) {
      const maxNs = BigInt(link.maxSeconds) * 1_000_000_000n;
      const src = sightings(await this.repository.findDetections(link.srcDetectorId, { afterNs: nowNs - windowNs - maxNs, beforeNs: nowNs + 1n }, 0));
      const samples = pairSamples(src, dest, link.maxSeconds, fromSeconds, toSeconds);
      const summary = summarize(samples.map((s) => s.seconds), this.settings);
      results.push({ ...summary, srcDetectorId: link.srcDetectorId, destDetectorId, windowSeconds: this.settings.windowSeconds, computedAt: nowMs });
      this.metrics.travelTimesComputed.inc({ status: summary.status });
    }
    await this.repository.putTravelTimes(results);
    return results;
  }
}

function sightings(detections: readonly Detection[]): SightingsByDevice {
  const byDevice = new Map<string, number[]>();
  for (const d of detections) {
    const list = byDevice.get(d.deviceId) ?? [];
    list.push(Number(d.timeNs) / 1e9);
    byDevice.set(d.deviceId, list);
  }
  return byDevice;
}
