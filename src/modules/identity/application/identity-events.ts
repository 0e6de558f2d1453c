import { USER_DELETED_V1, USER_REGISTERED_V1, UserDeletedV1, UserRegisteredV1 } from '@libs/contracts';
import { EventEnvelope, createEnvelope } from '@libs/messaging';
import type { User } from '../domain';

/** identity.user-registered.v1, keyed by user id (so a user's events stay in order). No secrets in payloads. */
export function userRegistered(user: User): EventEnvelope<UserRegisteredV1> {
  return createEnvelope<UserRegisteredV1>({
    type: USER_REGISTERED_V1,
    key: user.id,
    occurredAt: user.registeredAt,
    payload: { userId: user.id, email: user.email.value, registeredAt: user.registeredAt.toISOString() },
  });
}

export function userDeleted(user: User, deletedAt: Date): EventEnvelope<UserDeletedV1> {
  return createEnvelope<UserDeletedV1>({
    type: USER_DELETED_V1,
    key: user.id,
    occurredAt: deletedAt,
    payload: { userId: user.id, email: user.email.value, deletedAt: deletedAt.toISOString() },
  });
}
