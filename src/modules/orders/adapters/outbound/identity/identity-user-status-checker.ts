import { IdentityFacade } from '@libs/contracts';
import { DomainError, isDomainError } from '@libs/kernel';
import { ResiliencePolicy } from '@libs/platform';
import { ORDERS_ERRORS } from '../../../domain/errors';
import { UserStatusChecker } from '../../../ports/user-status-checker';

/**
 * Identity as the source of user status (the default): a user registered in identity (and not deleted) is valid.
 * Identity being unreachable (remote facade) is `unavailable`, so the saga waits instead of cancelling.
 */
export class IdentityUserStatusChecker extends UserStatusChecker {
  constructor(
    private readonly identity: IdentityFacade,
    private readonly policy: ResiliencePolicy,
  ) {
    super();
  }

  async isValid(userId: string): Promise<boolean> {
    return this.policy.execute(async () => {
      try {
        return (await this.identity.getUser(userId)) !== null;
      } catch (error) {
        if (isDomainError(error) && (error.category === 'invalid' || error.category === 'not_found' || error.category === 'unprocessable')) return false;
        if (isDomainError(error) && error.category === 'unavailable') throw error;
        throw DomainError.unavailable(ORDERS_ERRORS.IDENTITY_UNAVAILABLE, `identity could not answer: ${(error as Error).message}`, error);
      }
    });
  }
}
