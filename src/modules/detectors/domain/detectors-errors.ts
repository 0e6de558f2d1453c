import { DomainError } from '@libs/kernel';

/** The module's stable error codes (part of the public contract: never rename one). */
export const DETECTORS_ERRORS = {
  INVALID_ARGUMENT: 'DETECTORS.INVALID_ARGUMENT',
  NO_DEVICE: 'DETECTORS.NO_DEVICE',
  TOO_LARGE: 'DETECTORS.TOO_LARGE',
  LINK_NOT_FOUND: 'DETECTORS.LINK_NOT_FOUND',
  STORE_UNAVAILABLE: 'DETECTORS.STORE_UNAVAILABLE',
} as const;

/** Bad input, naming the offending field (`loc.detector_id`, `events[3].device_id`…). */
export function invalidField(field: string, message: string, code: string = DETECTORS_ERRORS.INVALID_ARGUMENT): DomainError {
  return DomainError.invalid(code, `${field}: ${message}`, { field });
}

export function storeUnavailable(cause?: unknown): DomainError {
  return DomainError.unavailable(DETECTORS_ERRORS.STORE_UNAVAILABLE, 'the detector store (etcd) is unavailable; retry later', cause);
}
