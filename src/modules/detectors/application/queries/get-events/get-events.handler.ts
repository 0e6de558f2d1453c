import { Inject, Injectable } from '@nestjs/common';
import type { DetectionGroup, TimeRange } from '../../../domain';
import { groupByDevice, invalidField, parseDetectorId } from '../../../domain';
import { DetectorRepository } from '../../../ports';
import { DETECTORS_SETTINGS, DetectorsSettings } from '../../detectors-settings';

export interface EventsQueryInput {
  detectorIds: readonly unknown[];
  range: TimeRange;
  limit: number;
}

export interface ValidEventsQuery {
  detectorIds: string[];
  range: TimeRange;
  limit: number;
}

/** Shared by GetEvents, StreamEvents and GetBatteryVoltage: checks ids, range and limit, naming the field. */
export function validateEventsQuery(input: EventsQueryInput, settings: DetectorsSettings): ValidEventsQuery {
  if (input.detectorIds.length === 0) throw invalidField('detector_ids', 'at least one detector id is required');
  if (input.detectorIds.length > settings.queryMaxDetectors) throw invalidField('detector_ids', `at most ${settings.queryMaxDetectors} detector ids per query`);
  const ids = [...new Set(input.detectorIds.map((id, i) => parseDetectorId(id, `detector_ids[${i}]`)))];
  const { afterNs, beforeNs } = input.range;
  if (afterNs !== undefined && beforeNs !== undefined && afterNs > beforeNs) throw invalidField('range', 'after must not be later than before');
  if (!Number.isSafeInteger(input.limit) || input.limit < 0) throw invalidField('limit', 'must be a non-negative integer (0 = all)');
  const cap = settings.queryMaxEventsPerDetector;
  return { detectorIds: ids, range: input.range, limit: input.limit === 0 || input.limit > cap ? cap : input.limit };
}

/**
 * GetEvents / StreamEvents: per detector (in the order asked, duplicates once), its newest `limit` detections in the
 * range, grouped per device with times accumulated newest first. Unknown detectors simply have no events.
 */
@Injectable()
export class GetEventsHandler {
  constructor(
    private readonly repository: DetectorRepository,
    @Inject(DETECTORS_SETTINGS) private readonly settings: DetectorsSettings,
  ) {}

  async execute(input: EventsQueryInput): Promise<DetectionGroup[]> {
    const groups: DetectionGroup[] = [];
    for await (const chunk of this.stream(input)) groups.push(...chunk);
    return groups;
  }

  /** The same selection, one detector at a time (validation happens before the first chunk). */
  stream(input: EventsQueryInput): AsyncIterable<DetectionGroup[]> {
    const query = validateEventsQuery(input, this.settings);
    const repository = this.repository;
    return (async function* () {
      for (const id of query.detectorIds) yield groupByDevice(await repository.findDetections(id, query.range, query.limit));
    })();
  }
}
