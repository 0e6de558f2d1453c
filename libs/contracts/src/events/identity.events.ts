/** identity's integration events (published language). Payloads never carry passwords or hashes. */
export const USER_REGISTERED_V1 = 'identity.user-registered.v1';
export const USER_DELETED_V1 = 'identity.user-deleted.v1';

export interface UserRegisteredV1 {
  userId: string;
  email: string;
  registeredAt: string;
}

export interface UserDeletedV1 {
  userId: string;
  email: string;
  deletedAt: string;
}
