import { TrainsErrors } from './errors';

/** A card number: 12–19 digits once spaces and dashes are removed. */
export function normalizeCardNumber(value: unknown): string {
  if (typeof value !== 'string') throw TrainsErrors.invalidPayment('payment.card_number must be a string of 12-19 digits');
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) throw TrainsErrors.invalidPayment('payment.card_number must be 12-19 digits');
  return digits;
}

/** The simulated gateway's test cards (like the big gateways' sandboxes). Any other valid number is approved. */
export const DECLINING_CARDS: Readonly<Record<string, string>> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
};
