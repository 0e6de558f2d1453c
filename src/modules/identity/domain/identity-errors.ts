import { DomainError } from '@libs/kernel';

/**
 * identity's stable error codes. They are part of the public contract (clients switch on them): never rename one.
 * Categories decide the HTTP/gRPC status in the platform's edge filters; nothing here picks a status code.
 */
export const IdentityErrorCode = {
  InvalidEmail: 'IDENTITY.INVALID_EMAIL',
  InvalidPhone: 'IDENTITY.INVALID_PHONE',
  InvalidName: 'IDENTITY.INVALID_NAME',
  WeakPassword: 'IDENTITY.WEAK_PASSWORD',
  MissingField: 'IDENTITY.MISSING_FIELD',
  EmailTaken: 'IDENTITY.EMAIL_TAKEN',
  PhoneTaken: 'IDENTITY.PHONE_TAKEN',
  UserNotFound: 'IDENTITY.USER_NOT_FOUND',
  InvalidCredentials: 'IDENTITY.INVALID_CREDENTIALS',
  Forbidden: 'IDENTITY.FORBIDDEN',
  TooManyAttempts: 'IDENTITY.TOO_MANY_ATTEMPTS',
  TooManyRegistrations: 'IDENTITY.TOO_MANY_REGISTRATIONS',
  InvalidRefreshToken: 'IDENTITY.INVALID_REFRESH_TOKEN',
  RefreshTokenReused: 'IDENTITY.REFRESH_TOKEN_REUSED',
  IdempotencyKeyRequired: 'IDENTITY.IDEMPOTENCY_KEY_REQUIRED',
  IdempotencyKeyInvalid: 'IDENTITY.IDEMPOTENCY_KEY_INVALID',
  IdempotencyKeyReused: 'IDENTITY.IDEMPOTENCY_KEY_REUSED',
  RequestInProgress: 'IDENTITY.REQUEST_IN_PROGRESS',
  Overloaded: 'IDENTITY.OVERLOADED',
  StoreUnavailable: 'IDENTITY.STORE_UNAVAILABLE',
} as const;

export type IdentityErrorCode = (typeof IdentityErrorCode)[keyof typeof IdentityErrorCode];

/** A field-level validation failure: 422 over HTTP, INVALID_ARGUMENT over gRPC; `field` names the input. */
export function invalidField(code: IdentityErrorCode, field: string, message: string, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, 'unprocessable', message, { details: { field, ...extra } });
}

export function missingField(field: string, message = `${field} is required`): DomainError {
  return new DomainError(IdentityErrorCode.MissingField, 'invalid', message, { details: { field } });
}

/** The one answer for an unknown account and for a wrong password: no account enumeration. */
export function invalidCredentials(): DomainError {
  return new DomainError(IdentityErrorCode.InvalidCredentials, 'unauthorized', 'invalid credentials');
}

export function userNotFound(): DomainError {
  return DomainError.notFound(IdentityErrorCode.UserNotFound, 'user not found');
}

export function emailTaken(): DomainError {
  return DomainError.conflict(IdentityErrorCode.EmailTaken, 'an account with this email already exists', { field: 'email' });
}

export function phoneTaken(): DomainError {
  return DomainError.conflict(IdentityErrorCode.PhoneTaken, 'an account with this phone number already exists', { field: 'phone_number' });
}
