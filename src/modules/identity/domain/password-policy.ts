import { COMMON_PASSWORDS } from './common-passwords';
import { IdentityErrorCode, invalidField, missingField } from './identity-errors';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/**
 * NIST SP 800-63B style: length counts characters (code points, so any script and emoji are fine), 8–128 of them,
 * no composition rules, but no well-known password and not the account's own email. Passwords are used exactly as
 * typed (no trimming, no normalisation).
 */
export function checkPasswordPolicy(raw: unknown, context: { email?: string } = {}, field = 'password'): string {
  if (raw === undefined || raw === null || raw === '') throw missingField(field);
  if (typeof raw !== 'string') throw invalidField(IdentityErrorCode.WeakPassword, field, `${field} must be a string`, { reason: 'type' });
  if (raw.length > PASSWORD_MAX_LENGTH * 2 || [...raw].length > PASSWORD_MAX_LENGTH) {
    throw invalidField(IdentityErrorCode.WeakPassword, field, `${field} must be at most ${PASSWORD_MAX_LENGTH} characters`, { reason: 'too_long', maxLength: PASSWORD_MAX_LENGTH });
  }
  if ([...raw].length < PASSWORD_MIN_LENGTH) {
    throw invalidField(IdentityErrorCode.WeakPassword, field, `${field} must be at least ${PASSWORD_MIN_LENGTH} characters`, { reason: 'too_short', minLength: PASSWORD_MIN_LENGTH });
  }
  const lowered = raw.toLowerCase();
  if (COMMON.has(lowered)) {
    throw invalidField(IdentityErrorCode.WeakPassword, field, `${field} is too common; choose another`, { reason: 'common' });
  }
  const email = context.email?.toLowerCase();
  if (email && (lowered === email || lowered === email.slice(0, email.lastIndexOf('@')))) {
    throw invalidField(IdentityErrorCode.WeakPassword, field, `${field} must not be your email address`, { reason: 'matches_email' });
  }
  return raw;
}

/** For credential checks (login, delete, gRPC): present and a string of sane length; no policy. */
export function requirePresentedPassword(raw: unknown, field = 'password'): string {
  if (raw === undefined || raw === null || raw === '') throw missingField(field);
  if (typeof raw !== 'string') throw invalidField(IdentityErrorCode.MissingField, field, `${field} must be a string`);
  return raw;
}
