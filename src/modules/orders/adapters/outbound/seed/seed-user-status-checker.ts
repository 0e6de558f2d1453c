import { UserStatusChecker } from '../../../ports/user-status-checker';

/**
 * The user API that seed 004 shipped with its stack (`pkg/userapi`, `GET /api/user/{user_id}` → `{user_id, is_valid}`)
 * embedded: a user id is valid unless it contains "invalid". The original's e2e suite and curl examples rely on it
 * (`user_test` approves, `user_test_invalid` cancels). Never unavailable. `ORDERS_USER_STATUS=seed` (alone or after
 * identity) selects it; see docs/compatibility.md.
 */
export class SeedUserStatusChecker extends UserStatusChecker {
  async isValid(userId: string): Promise<boolean> {
    return !userId.includes('invalid');
  }
}
