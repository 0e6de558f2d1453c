import { invalidField } from './detectors-errors';

/**
 * Detector ids become etcd key segments, so they are restricted to a safe alphabet (no `/`, no spaces): `xxx-1` and
 * `xxx-10` are then distinct path segments and a query for one can never match the other.
 */
const DETECTOR_ID = /^[A-Za-z0-9._:~-]{1,128}$/;

export function parseDetectorId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalidField(field, 'is required');
  if (!DETECTOR_ID.test(value) || value === '.' || value === '..') {
    throw invalidField(field, 'must be 1-128 characters of A-Z a-z 0-9 . _ : ~ -');
  }
  return value;
}
