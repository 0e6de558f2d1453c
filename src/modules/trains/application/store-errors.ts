import { isDomainError } from '@libs/kernel';
import { TrainsErrors } from '../domain';

/** Runs a store call; infrastructure failures become 503 TRAINS.STORE_UNAVAILABLE (domain errors pass through). */
export async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isDomainError(error) || (error as Error)?.name === 'PurchaseKeyTaken') throw error;
    throw TrainsErrors.storeUnavailable(what, error);
  }
}
