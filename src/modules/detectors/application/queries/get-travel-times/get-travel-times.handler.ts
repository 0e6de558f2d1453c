import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@libs/kernel';
import type { TravelTime } from '../../../domain';
import { DETECTORS_ERRORS, parseDetectorId } from '../../../domain';
import { DetectorRepository } from '../../../ports';
import { DETECTORS_SETTINGS, DetectorsSettings } from '../../detectors-settings';

/** Travel times as served (REST and detectors.v1): the stored results; a link not computed yet has no data. */
@Injectable()
export class GetTravelTimesHandler {
  constructor(
    private readonly repository: DetectorRepository,
    @Inject(DETECTORS_SETTINGS) private readonly settings: DetectorsSettings,
  ) {}

  /** One link's latest result; NOT_FOUND when no such link exists. */
  async one(src: unknown, dest: unknown): Promise<TravelTime> {
    const srcId = parseDetectorId(src, 'src_detector_id');
    const destId = parseDetectorId(dest, 'dest_detector_id');
    const stored = await this.repository.getTravelTime(srcId, destId);
    if (stored) return stored;
    const linked = (await this.repository.listLinks(destId)).some((l) => l.srcDetectorId === srcId);
    if (!linked) throw DomainError.notFound(DETECTORS_ERRORS.LINK_NOT_FOUND, `no link ${srcId} → ${destId}`);
    return { srcDetectorId: srcId, destDetectorId: destId, status: 'insufficient_data', count: 0, outliers: 0, windowSeconds: this.settings.windowSeconds, computedAt: 0 };
  }

  async list(dest?: unknown): Promise<TravelTime[]> {
    const destId = dest === undefined || dest === '' ? undefined : parseDetectorId(dest, 'dest_detector_id');
    return this.repository.listTravelTimes(destId);
  }
}
