import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import type { Detection, DeviceType, RawEventLog } from '../../../domain';
import { invalidField, validateEventLog } from '../../../domain';
import { DetectorRepository, DevicePseudonymizer } from '../../../ports';
import { DETECTORS_SETTINGS, DetectorsSettings } from '../../detectors-settings';
import { DetectorsMetrics } from '../../metrics';

export type DeviceCounts = Record<DeviceType, number>;

export function emptyCounts(): DeviceCounts {
  return { mobile: 0, wifi: 0, bluetooth: 0 };
}

export interface PreparedBatch {
  detections: Detection[];
  counts: DeviceCounts;
}

/**
 * CreateEventLog / StreamEventLog: validates event logs, pseudonymises device ids (raw ids go no further than this
 * handler) and stores one detection per (event, timestamp), atomically per call or per stream batch.
 */
@Injectable()
export class RecordEventsHandler {
  constructor(
    private readonly repository: DetectorRepository,
    private readonly pseudonymizer: DevicePseudonymizer,
    private readonly clock: Clock,
    @Inject(DETECTORS_SETTINGS) private readonly settings: DetectorsSettings,
    private readonly metrics: DetectorsMetrics,
  ) {}

  /** Validates one log and turns it into detections (added to `into` when given); throws INVALID_ARGUMENT naming the field. */
  prepare(log: RawEventLog, into: PreparedBatch = { detections: [], counts: emptyCounts() }, field = ''): PreparedBatch {
    const valid = validateEventLog(log, this.settings.maxDetectionsPerLog, field);
    const latest = BigInt(this.clock.now().getTime() + this.settings.maxFutureSkewSeconds * 1000) * 1_000_000n;
    valid.events.forEach((event, i) => {
      event.timesNs.forEach((t, j) => {
        if (t > latest) throw invalidField(`${field}events[${i}].time[${j}]`, `is more than ${this.settings.maxFutureSkewSeconds} s in the future`);
      });
    });
    for (const event of valid.events) {
      const deviceId = this.pseudonymizer.pseudonymize(event.deviceType, event.rawDeviceId);
      for (const timeNs of event.timesNs) into.detections.push({ detectorId: valid.detectorId, deviceId, deviceType: event.deviceType, timeNs });
      into.counts[event.deviceType] += event.timesNs.length;
    }
    return into;
  }

  /** Stores a prepared batch all-or-nothing. */
  async store(batch: PreparedBatch): Promise<DeviceCounts> {
    await this.repository.appendDetections(batch.detections);
    for (const [device, n] of Object.entries(batch.counts)) if (n > 0) this.metrics.detectionsStored.inc({ device }, n);
    return batch.counts;
  }

  async execute(log: RawEventLog): Promise<DeviceCounts> {
    return this.store(this.prepare(log));
  }
}
