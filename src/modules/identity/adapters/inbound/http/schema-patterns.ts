// What the domain accepts, as JSON Schema, so that the OpenAPI document allows exactly the values the server accepts
// (schemathesis checks both directions, `npm run test:api-fuzz`). Keep in step with domain/email.ts and
// domain/phone-number.ts; test/e2e/openapi-conformance.e2e-spec.ts asserts the two agree on samples.

/** domain/email.ts: at most 254 characters; `format: email` generates and checks RFC 5321 addresses. */
export const EMAIL_PROPERTY = { type: 'string', format: 'email', maxLength: 254 } as const;

/**
 * domain/phone-number.ts: an optional `+` then 6–15 digits once spaces, dots, dashes and parentheses are removed
 * (other whitespace the server also drops is left out of the pattern on purpose: it is never needed).
 */
export const PHONE_PATTERN = '^[ ().-]*(?:\\+[ ().-]*)?(?:[0-9][ ().-]*){6,15}$';
export const PHONE_PROPERTY = { type: 'string', pattern: PHONE_PATTERN, maxLength: 64 } as const;
