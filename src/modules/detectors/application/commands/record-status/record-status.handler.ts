import { Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { DEVICE_ENUM, DetectorStatusReport, invalidField } from '../../../domain';
import { DetectorRepository } from '../../../ports';
import { CoordinatesInput, validateCoordinates } from '../record-coordinates/record-coordinates.handler';

export interface StatusInput {
  loc: CoordinatesInput;
  activeDetectors: readonly number[];
  batteryVoltage: number;
  detectionCount: Readonly<Record<string, number>>;
}

const DEVICE_BY_NUMBER = new Map(Object.entries(DEVICE_ENUM).map(([name, n]) => [n, name as DetectorStatusReport['activeDetectors'][number]]));

/** CreateDetectorStatus: a status report, stamped with the time it arrived; its location updates the coordinates. */
@Injectable()
export class RecordStatusHandler {
  constructor(
    private readonly repository: DetectorRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: StatusInput): Promise<void> {
    const loc = validateCoordinates(input.loc, 'loc.');
    if (!Number.isFinite(input.batteryVoltage) || input.batteryVoltage < 0 || input.batteryVoltage > 1000) throw invalidField('battery_voltage', 'must be a number from 0 to 1000');
    const active = input.activeDetectors.map((n, i) => {
      const device = DEVICE_BY_NUMBER.get(n);
      if (!device) throw invalidField(`active_detectors[${i}]`, 'must be a collector.DEVICE value');
      return device;
    });
    const counts: Record<string, number> = {};
    for (const [device, count] of Object.entries(input.detectionCount)) {
      if (!Number.isSafeInteger(count) || count < 0) throw invalidField(`detection_count[${device}]`, 'must be a non-negative integer');
      counts[device] = count;
    }
    const timeNs = BigInt(this.clock.now().getTime()) * 1_000_000n;
    await this.repository.appendStatus({ detectorId: loc.detectorId, timeNs, batteryVoltage: input.batteryVoltage, activeDetectors: active, detectionCount: counts });
    if (loc.latitude !== 0 || loc.longitude !== 0) await this.repository.putCoordinates(loc);
  }
}
