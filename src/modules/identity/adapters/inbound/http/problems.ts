import type { ProblemExample } from '@libs/platform';

/** The documented errors of identity's routes (Swagger examples), by name. */
export const P = {
  validation: { status: 400, code: 'REQUEST.VALIDATION_FAILED', detail: 'email must be a string', extra: { errors: ['email must be a string'], fields: ['email'] } },
  malformedJson: { status: 400, code: 'REQUEST.MALFORMED_JSON', detail: 'Body is not valid JSON' },
  missingField: { status: 400, code: 'IDENTITY.MISSING_FIELD', detail: 'password is required', extra: { field: 'password' } },
  keyRequired: { status: 400, code: 'IDENTITY.IDEMPOTENCY_KEY_REQUIRED', detail: 'this request needs an X-Request-ID (or Idempotency-Key) header so it runs at most once', extra: { field: 'X-Request-ID' } },
  keyInvalid: { status: 400, code: 'IDENTITY.IDEMPOTENCY_KEY_INVALID', detail: 'X-Request-ID / Idempotency-Key must be 1-128 characters of A-Z a-z 0-9 . _ : -', extra: { field: 'X-Request-ID' } },
  invalidCredentials: { status: 401, code: 'IDENTITY.INVALID_CREDENTIALS', detail: 'invalid credentials' },
  invalidRefresh: { status: 401, code: 'IDENTITY.INVALID_REFRESH_TOKEN', detail: 'invalid or expired refresh token' },
  refreshReused: { status: 401, code: 'IDENTITY.REFRESH_TOKEN_REUSED', detail: 'refresh token was already used; every session of this login has been revoked' },
  forbidden: { status: 403, code: 'IDENTITY.FORBIDDEN', detail: 'you may only read your own account' },
  notFound: { status: 404, code: 'IDENTITY.USER_NOT_FOUND', detail: 'user not found' },
  emailTaken: { status: 409, code: 'IDENTITY.EMAIL_TAKEN', detail: 'an account with this email already exists', extra: { field: 'email' } },
  phoneTaken: { status: 409, code: 'IDENTITY.PHONE_TAKEN', detail: 'an account with this phone number already exists', extra: { field: 'phone_number' } },
  inProgress: { status: 409, code: 'IDENTITY.REQUEST_IN_PROGRESS', detail: 'request in progress', summary: 'same request id still being processed (see Retry-After)' },
  bodyTooLarge: { status: 413, code: 'REQUEST.BODY_TOO_LARGE', detail: 'Request body is too large' },
  invalidEmail: { status: 422, code: 'IDENTITY.INVALID_EMAIL', detail: 'email is not a valid email address', extra: { field: 'email' } },
  invalidName: { status: 422, code: 'IDENTITY.INVALID_NAME', detail: "first_name may contain only letters, digits, spaces and the punctuation ' - . , (and at least one letter)", extra: { field: 'first_name' } },
  invalidPhone: { status: 422, code: 'IDENTITY.INVALID_PHONE', detail: 'phone_number must be an optional + followed by 6 to 15 digits', extra: { field: 'phone_number' } },
  weakPassword: { status: 422, code: 'IDENTITY.WEAK_PASSWORD', detail: 'password is too common; choose another', extra: { field: 'password', reason: 'common' } },
  keyReused: { status: 422, code: 'IDENTITY.IDEMPOTENCY_KEY_REUSED', detail: 'this request id was already used with a different request body; use a new request id', extra: { field: 'X-Request-ID' } },
  throttled: { status: 429, code: 'IDENTITY.TOO_MANY_ATTEMPTS', detail: 'too many failed attempts; try again later', summary: 'failed logins per account or per IP exceeded (see Retry-After)' },
  tooManyRegistrations: {
    status: 429,
    code: 'IDENTITY.TOO_MANY_REGISTRATIONS',
    detail: 'too many new accounts from your address; try again later',
    extra: { limit: 5, window_seconds: 3600 },
    summary: 'new accounts per client IP exceeded (IDENTITY_REGISTRATIONS_PER_IP; see Retry-After)',
  },
  overloaded: { status: 503, code: 'IDENTITY.OVERLOADED', detail: 'too many password checks in progress; retry shortly', summary: 'load shedding (see Retry-After)' },
  // Seed 000's texts on its own routes (POST /users, GET and DELETE /users/{email}): same codes, the original's detail.
  userExists: { status: 409, code: 'IDENTITY.EMAIL_TAKEN', detail: 'User already exists', extra: { field: 'email' } },
  userNotFound: { status: 404, code: 'IDENTITY.USER_NOT_FOUND', detail: 'User not found' },
  invalidPassword: { status: 401, code: 'IDENTITY.INVALID_CREDENTIALS', detail: 'Invalid password' },
  storeDown: { status: 503, code: 'IDENTITY.STORE_UNAVAILABLE', detail: 'identity user store is unavailable; retry shortly' },
} satisfies Record<string, ProblemExample>;
