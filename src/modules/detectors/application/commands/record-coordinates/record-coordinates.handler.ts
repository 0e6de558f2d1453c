import { Injectable } from '@nestjs/common';
import type { DetectorCoordinates } from '../../../domain';
import { MAX_LATITUDE, MAX_LONGITUDE, invalidField, parseDetectorId } from '../../../domain';
import { DetectorRepository } from '../../../ports';

export interface CoordinatesInput {
  detectorId: unknown;
  latitude: number;
  longitude: number;
}

export function validateCoordinates(input: CoordinatesInput, field = ''): DetectorCoordinates {
  const detectorId = parseDetectorId(input.detectorId, `${field}detector_id`);
  if (!Number.isSafeInteger(input.latitude) || Math.abs(input.latitude) > MAX_LATITUDE) throw invalidField(`${field}latitude`, `must be an integer within ±${MAX_LATITUDE} (1 = 0.00001°)`);
  if (!Number.isSafeInteger(input.longitude) || Math.abs(input.longitude) > MAX_LONGITUDE) throw invalidField(`${field}longitude`, `must be an integer within ±${MAX_LONGITUDE} (1 = 0.00001°)`);
  return { detectorId, latitude: input.latitude, longitude: input.longitude };
}

/** CreateCoordinates: where a detector stands. */
@Injectable()
export class RecordCoordinatesHandler {
  constructor(private readonly repository: DetectorRepository) {}

  async execute(input: CoordinatesInput): Promise<void> {
    await this.repository.putCoordinates(validateCoordinates(input));
  }
}
