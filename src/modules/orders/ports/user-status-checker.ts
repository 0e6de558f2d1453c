/**
 * Is this user allowed to order? Throws a DomainError of category `unavailable` when the answer cannot be known right
 * now (the saga retries later instead of cancelling).
 */
export abstract class UserStatusChecker {
  abstract isValid(userId: string): Promise<boolean>;
}
