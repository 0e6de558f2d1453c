/** Emails are normalised the same way everywhere in Junction (as identity does): trimmed and lowercased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
