import { COMMON_PASSWORDS } from '../../../domain/common-passwords';

// What the domain accepts, as JSON Schema, so that the OpenAPI document allows exactly the values the server accepts
// (schemathesis checks both directions, `npm run test:api-fuzz`). Keep in step with domain/email.ts and
// domain/phone-number.ts; test/e2e/openapi-conformance.e2e-spec.ts asserts the two agree on samples.

/**
 * domain/email.ts: at most 254 characters; `format: email` generates and checks RFC 5321 addresses, the pattern keeps
 * them to the ASCII dot-atom the domain accepts, with a top-level label of 2+ characters starting with a letter (and
 * leaves out `%`, which starts a percent-encoding in a path).
 */
export const EMAIL_PROPERTY = { type: 'string', format: 'email', pattern: "^[A-Za-z0-9!#$&'*+/=?^_`{|}~.-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$", maxLength: 254 } as const;

/**
 * domain/phone-number.ts: an optional `+` then 6–15 digits once spaces, dots, dashes and parentheses are removed
 * (other whitespace the server also drops is left out of the pattern on purpose: it is never needed).
 */
export const PHONE_PATTERN = '^[ ().-]*(?:\\+[ ().-]*)?(?:[0-9][ ().-]*){6,15}$';
export const PHONE_PROPERTY = { type: 'string', pattern: PHONE_PATTERN, maxLength: 64 } as const;

/** JavaScript's `\s` (what the domain trims and collapses), spelled out: Python's `\s` also matches \x1c-\x1f. */
const WS = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const NAME_CHAR = `${WS}\\p{L}\\p{M}\\p{Nd}'\\u2019.,\\u200c\\u200d-`;

/**
 * domain/person-name.ts: letters and marks of any script, digits, spaces and ' ’ . , - with at least one letter,
 * at most 100 characters (the domain counts them after NFC and collapsing whitespace, so a few longer raw values pass).
 */
export const NAME_PROPERTY = { type: 'string', pattern: `^[${NAME_CHAR}]*\\p{L}[${NAME_CHAR}]*$`, minLength: 1, maxLength: 100 } as const;

/** domain/phone-number.ts `parseOptional`: empty or blank means no phone number. */
export const OPTIONAL_PHONE_PROPERTY = { type: 'string', pattern: `^(?:[${WS}]*|${PHONE_PATTERN.slice(1, -1)})$`, maxLength: 64 } as const;

/**
 * domain/password-policy.ts for a new password: 8–128 characters (code points, as JSON Schema counts them) and not one
 * of the shipped well-known passwords (`not: {enum}`; the policy compares them case-insensitively, the schema lists them
 * as shipped). The policy also refuses the account's own email, which no schema of one field can say (422).
 */
export const NEW_PASSWORD_PROPERTY = { type: 'string' as const, format: 'password', minLength: 8, maxLength: 128, not: { enum: [...COMMON_PASSWORDS] } };
