import { DomainError, isDomainError } from '@libs/kernel';
import { IdentityErrorCode } from '../../domain';

/** Infrastructure failures (Redis/PostgreSQL down) become a retryable 503/UNAVAILABLE; domain errors pass through. */
export async function guardStore<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw new DomainError(IdentityErrorCode.StoreUnavailable, 'unavailable', `identity ${what} is unavailable; retry shortly`, { retryAfterSeconds: 1, cause: error });
  }
}
