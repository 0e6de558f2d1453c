import { isUuid } from '@libs/kernel';
import { UserStatusChecker } from '../../ports/user-status-checker';

/**
 * `ORDERS_USER_STATUS=identity,<other>`: identity decides for the ids it issues (UUIDs), so an identity user that was
 * deleted stays invalid whatever the other source says; every other id (`user_test`, `uuuu-aaaa-bbbb`: ids of the
 * original's clients, which identity never issues) is asked of the other source.
 */
export class RoutedUserStatusChecker extends UserStatusChecker {
  constructor(
    private readonly identity: UserStatusChecker,
    private readonly others: UserStatusChecker,
  ) {
    super();
  }

  isValid(userId: string): Promise<boolean> {
    return isUuid(userId) ? this.identity.isValid(userId) : this.others.isValid(userId);
  }
}
