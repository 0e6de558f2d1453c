import { DomainError } from '@libs/kernel';
import { ResiliencePolicy } from '@libs/platform';
import { ORDERS_ERRORS } from '../../../domain/errors';
import { UserStatusChecker } from '../../../ports/user-status-checker';

/**
 * The original's user API: `GET {baseUrl}user/{user_id}` → `{user_id, is_valid}`. 404 = invalid user; 5xx, timeouts
 * and refused connections are `unavailable` (retried by the policy, then by the saga) — never a cancellation.
 */
export class HttpUserStatusChecker extends UserStatusChecker {
  constructor(
    private readonly baseUrl: string,
    private readonly policy: ResiliencePolicy,
  ) {
    super();
  }

  async isValid(userId: string): Promise<boolean> {
    const url = new URL(`user/${encodeURIComponent(userId)}`, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    return this.policy.execute(async (signal) => {
      let response: Response;
      try {
        response = await fetch(url, { signal, headers: { accept: 'application/json' } });
      } catch (error) {
        throw DomainError.unavailable(ORDERS_ERRORS.USER_API_UNAVAILABLE, `user API unreachable: ${(error as Error).message}`, error);
      }
      if (response.status === 404) {
        await response.body?.cancel();
        return false;
      }
      if (response.status >= 500 || response.status === 429 || response.status === 408) {
        await response.body?.cancel();
        throw DomainError.unavailable(ORDERS_ERRORS.USER_API_UNAVAILABLE, `user API answered ${response.status}`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        return false;
      }
      const body = (await response.json().catch(() => null)) as { is_valid?: unknown } | null;
      if (!body || typeof body.is_valid !== 'boolean') throw DomainError.unavailable(ORDERS_ERRORS.USER_API_UNAVAILABLE, 'user API answered without a boolean is_valid');
      return body.is_valid;
    });
  }
}
