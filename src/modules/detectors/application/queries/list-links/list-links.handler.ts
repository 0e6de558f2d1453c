import { Injectable } from '@nestjs/common';
import type { DetectorLink } from '../../../domain';
import { parseDetectorId } from '../../../domain';
import { DetectorRepository } from '../../../ports';

/** Links into one destination, or all. */
@Injectable()
export class ListLinksHandler {
  constructor(private readonly repository: DetectorRepository) {}

  async execute(dest?: unknown): Promise<DetectorLink[]> {
    const destId = dest === undefined || dest === '' ? undefined : parseDetectorId(dest, 'dest_detector_id');
    return this.repository.listLinks(destId);
  }
}
