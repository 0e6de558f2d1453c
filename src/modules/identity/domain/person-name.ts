import { IdentityErrorCode, invalidField, missingField } from './identity-errors';

export const MAX_NAME_LENGTH = 100;
// Letters and combining marks of any script, decimal digits (seed 000's demo registers "Test1"; "Henry 8"), spaces
// between words, and the punctuation names use (O'Brien-Smith Jr.). At least one letter (HAS_LETTER): "1234" is no name.
const ALLOWED = /^[\p{L}\p{M}\p{Nd}' \u2019.,-]+$/u;
const HAS_LETTER = /\p{L}/u;
// Zero-width joiner / non-joiner are part of how some scripts (Persian, Indic) spell names: allowed between letters.
const JOINERS = /[\u200c\u200d]/g;

/**
 * A first or last name: NFC-normalised, trimmed, inner whitespace collapsed, 1–100 characters, at least one letter.
 * Digits are allowed next to letters. Control and format characters (NUL, bidi overrides, zero-width spaces), lone
 * surrogates, symbols and emoji are rejected, so names render as typed everywhere they are shown.
 */
export function parsePersonName(raw: unknown, field: string): string {
  if (raw === undefined || raw === null) throw missingField(field);
  if (typeof raw !== 'string') throw invalidField(IdentityErrorCode.InvalidName, field, `${field} must be a string`);
  if (raw.length > MAX_NAME_LENGTH * 4) throw invalidField(IdentityErrorCode.InvalidName, field, `${field} must be at most ${MAX_NAME_LENGTH} characters`);
  if (/\p{Cs}/u.test(raw)) throw invalidField(IdentityErrorCode.InvalidName, field, `${field} contains an invalid character`);
  const value = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (value === '') throw missingField(field, `${field} must not be empty`);
  if ([...value].length > MAX_NAME_LENGTH) throw invalidField(IdentityErrorCode.InvalidName, field, `${field} must be at most ${MAX_NAME_LENGTH} characters`);
  if (!ALLOWED.test(value.replace(JOINERS, '')) || !HAS_LETTER.test(value)) {
    throw invalidField(IdentityErrorCode.InvalidName, field, `${field} may contain only letters, digits, spaces and the punctuation ' - . , (and at least one letter)`);
  }
  return value;
}

/**
 * Splits seed 002's single `name` into first and last name: the last word is the last name. A one-word name is both
 * (so the required last name is never empty), and `joinPersonName` gives the one word back.
 */
export function splitFullName(raw: unknown, field = 'name'): { firstName: string; lastName: string } {
  const full = parsePersonName(raw, field);
  const cut = full.lastIndexOf(' ');
  if (cut < 0) return { firstName: full, lastName: full };
  return { firstName: full.slice(0, cut), lastName: full.slice(cut + 1) };
}

export function joinPersonName(firstName: string, lastName: string): string {
  return firstName === lastName ? firstName : `${firstName} ${lastName}`;
}
