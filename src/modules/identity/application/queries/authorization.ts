import { DomainError } from '@libs/kernel';
import { IdentityErrorCode } from '../../domain';
import type { Requester } from '../views';

/** A user may read their own account; an admin may read any. */
export function assertMayRead(requester: Requester, target: { userId?: string; email?: string }): void {
  if (requester.roles.includes('admin')) return;
  if (target.userId !== undefined && target.userId === requester.userId) return;
  if (target.email !== undefined && target.email === requester.email) return;
  throw new DomainError(IdentityErrorCode.Forbidden, 'forbidden', 'you may only read your own account');
}
