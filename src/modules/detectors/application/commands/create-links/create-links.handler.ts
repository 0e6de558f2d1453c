import { Injectable } from '@nestjs/common';
import type { DetectorLink } from '../../../domain';
import { invalidField, parseDetectorId, parseMaxSeconds } from '../../../domain';
import { DetectorRepository } from '../../../ports';

export interface CreateLinksInput {
  destDetectorId: unknown;
  sources: ReadonlyArray<{ detectorId: unknown; maxSeconds: number }>;
}

/** CreateDetectorLink: stores dest ← src with max_seconds for every listed source (the original panicked here). */
@Injectable()
export class CreateLinksHandler {
  constructor(private readonly repository: DetectorRepository) {}

  async execute(input: CreateLinksInput): Promise<DetectorLink[]> {
    const dest = parseDetectorId(input.destDetectorId, 'dest_detector_id');
    if (input.sources.length === 0) throw invalidField('src_detectors', 'at least one source detector is required');
    if (input.sources.length > 1000) throw invalidField('src_detectors', 'at most 1000 source detectors per call');
    const links = new Map<string, DetectorLink>();
    input.sources.forEach((s, i) => {
      const src = parseDetectorId(s.detectorId, `src_detectors[${i}].detector_id`);
      if (src === dest) throw invalidField(`src_detectors[${i}].detector_id`, 'a detector cannot link to itself');
      links.set(src, { destDetectorId: dest, srcDetectorId: src, maxSeconds: parseMaxSeconds(s.maxSeconds, `src_detectors[${i}].max_seconds`) });
    });
    await this.repository.putLinks([...links.values()]);
    return [...links.values()];
  }
}
