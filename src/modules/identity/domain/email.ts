import { IdentityErrorCode, invalidField, missingField } from './identity-errors';

const MAX_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
// A practical address: RFC 5322 "atext" local part with dots between atoms, and a DNS domain (IDNs in punycode).
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
/** Placeholder addresses of accounts registered through seed 002's phone-only route (RFC 2606 `.invalid`). */
const PHONE_PLACEHOLDER_DOMAIN = 'phone.junction.invalid';

/** An account's email: trimmed and lowercased, so `A@X.io ` and `a@x.io` are the same account. */
export class Email {
  private constructor(readonly value: string) {}

  static parse(raw: unknown, field = 'email'): Email {
    if (raw === undefined || raw === null || raw === '') throw missingField(field);
    if (typeof raw !== 'string') throw invalidField(IdentityErrorCode.InvalidEmail, field, `${field} must be a string`);
    const value = raw.trim().toLowerCase();
    if (value === '') throw missingField(field);
    const at = value.lastIndexOf('@');
    const local = value.slice(0, at);
    const domain = value.slice(at + 1);
    if (value.length > MAX_LENGTH || at <= 0 || local.length > MAX_LOCAL_LENGTH || !LOCAL.test(local) || !DOMAIN.test(domain)) {
      throw invalidField(IdentityErrorCode.InvalidEmail, field, `${field} is not a valid email address`);
    }
    return new Email(value);
  }

  /** The synthetic address of an account that registered with a phone number only (seed 002's register route). */
  static placeholderForPhone(digits: string): Email {
    return new Email(`phone-${digits.replace(/\D/g, '')}@${PHONE_PLACEHOLDER_DOMAIN}`);
  }

  get isPlaceholder(): boolean {
    return this.value.endsWith(`@${PHONE_PLACEHOLDER_DOMAIN}`);
  }

  get localPart(): string {
    return this.value.slice(0, this.value.lastIndexOf('@'));
  }

  equals(other: Email): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
