import { IdentityErrorCode, invalidField, missingField } from './identity-errors';

/** Separators people type inside phone numbers; they are dropped. */
const SEPARATORS = /[\s().\-\u00a0]/g;
const E164ISH = /^\+?[0-9]{6,15}$/;

/**
 * An optional, unique phone number, "E.164-ish": an optional leading `+` then 6–15 digits. Spaces, dots, dashes and
 * parentheses are removed (`+44 (20) 7946-0958` → `+442079460958`); anything else is rejected. Local forms without `+`
 * (seed 002's clients send those) are kept as typed, so `0171…` and `+880171…` are different numbers.
 */
export class PhoneNumber {
  private constructor(readonly value: string) {}

  static parse(raw: unknown, field = 'phone_number'): PhoneNumber {
    if (raw === undefined || raw === null || raw === '') throw missingField(field);
    if (typeof raw !== 'string') throw invalidField(IdentityErrorCode.InvalidPhone, field, `${field} must be a string`);
    if (raw.length > 64) throw invalidField(IdentityErrorCode.InvalidPhone, field, `${field} is too long`);
    const value = raw.trim().replace(SEPARATORS, '');
    if (value === '') throw missingField(field);
    if (!E164ISH.test(value)) {
      throw invalidField(IdentityErrorCode.InvalidPhone, field, `${field} must be an optional + followed by 6 to 15 digits`);
    }
    return new PhoneNumber(value);
  }

  /** `undefined`/`null`/empty mean "no phone number". */
  static parseOptional(raw: unknown, field = 'phone_number'): PhoneNumber | null {
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
    return PhoneNumber.parse(raw, field);
  }

  equals(other: PhoneNumber | null): boolean {
    return other !== null && this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
