import { invalidField } from './detectors-errors';

/** A declared traffic flow: devices seen at `src` may next be seen at `dest` within `maxSeconds`. */
export interface DetectorLink {
  destDetectorId: string;
  srcDetectorId: string;
  maxSeconds: number;
}

export const MAX_LINK_SECONDS = 86_400;

export function parseMaxSeconds(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_LINK_SECONDS) {
    throw invalidField(field, `must be an integer from 1 to ${MAX_LINK_SECONDS}`);
  }
  return value;
}
