import { Inject, Injectable } from '@nestjs/common';
import { DetectorRepository } from '../../../ports';
import { DETECTORS_SETTINGS, DetectorsSettings } from '../../detectors-settings';
import { EventsQueryInput, validateEventsQuery } from '../get-events/get-events.handler';

export interface VoltageReport {
  detectorId: string;
  /** Newest first. */
  voltages: number[];
}

/** GetBatteryVoltage: each detector's voltage history in the range, newest first, `limit` per detector. */
@Injectable()
export class GetBatteryVoltageHandler {
  constructor(
    private readonly repository: DetectorRepository,
    @Inject(DETECTORS_SETTINGS) private readonly settings: DetectorsSettings,
  ) {}

  async execute(input: EventsQueryInput): Promise<VoltageReport[]> {
    const query = validateEventsQuery(input, this.settings);
    const reports: VoltageReport[] = [];
    for (const id of query.detectorIds) {
      const statuses = await this.repository.findStatuses(id, query.range, query.limit);
      reports.push({ detectorId: id, voltages: statuses.map((s) => s.batteryVoltage) });
    }
    return reports;
  }
}
