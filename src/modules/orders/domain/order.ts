import { DomainError } from '@libs/kernel';
import { ORDERS_ERRORS } from './errors';

export type OrderStatus = 'PROCESSING' | 'APPROVED' | 'CANCELED';
export const ORDER_STATUSES: readonly OrderStatus[] = ['PROCESSING', 'APPROVED', 'CANCELED'];

/** Outcome of one validation step of the saga. */
export type CheckResult = 'pending' | 'passed' | 'failed';

export interface Order {
  readonly id: string;
  readonly userId: string;
  /** Whole cents: exact, and comparable without floating point. */
  readonly valueCents: number;
  readonly installment: number;
  readonly method: string;
  readonly status: OrderStatus;
  /** True once the orchestrator has requested the validations (a second start is ignored). */
  readonly started: boolean;
  readonly balanceCheck: CheckResult;
  readonly userCheck: CheckResult;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface PaymentMethod {
  readonly name: string;
  readonly minInstallment: number;
  readonly maxInstallment: number;
}

/** The methods table of the original, seeded by the migrations (and by the memory store). */
export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { name: 'credit_card', minInstallment: 1, maxInstallment: 12 },
  { name: 'debit_card', minInstallment: 1, maxInstallment: 1 },
  { name: 'transfer', minInstallment: 1, maxInstallment: 1 },
  { name: 'cash', minInstallment: 1, maxInstallment: 1 },
];

/** Largest accepted value: fits numeric(15,2) and stays an exact JavaScript integer in cents. */
export const MAX_VALUE_CENTS = 99_999_999_999_99;
const DECIMAL = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "1000.00" / "1500.5" / 12.3 → cents; anything else (negative, zero, >2 places, NaN) → ORDERS.INVALID_VALUE. */
export function parseValue(input: unknown): number {
  const text = typeof input === 'number' && Number.isFinite(input) ? String(input) : typeof input === 'string' ? input.trim() : undefined;
  const match = text === undefined ? null : DECIMAL.exec(text);
  if (!match) throw invalidField('value', 'value must be a positive decimal number with at most 2 decimal places');
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents <= 0) throw invalidField('value', 'value must be greater than 0');
  if (cents > MAX_VALUE_CENTS) throw invalidField('value', 'value is too large');
  return cents;
}

/** Cents → the original's decimal string without trailing zeros: 100000 → "1000", 150050 → "1500.5". */
export function formatValue(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

export function parseInstallment(input: unknown): number {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1) throw invalidField('installment', 'installment must be an integer ≥ 1');
  return Number(text);
}

export function parseUserId(input: unknown): string {
  if (typeof input !== 'string' || input.trim().length === 0 || input.length > 128 || !/^[\x21-\x7e]+$/.test(input.trim())) {
    throw invalidField('user_id', 'user_id must be 1-128 printable characters without spaces');
  }
  return input.trim();
}

export function parseMethod(input: unknown): string {
  if (typeof input !== 'string' || input.trim().length === 0 || input.length > 64) throw invalidField('method', 'method is required');
  return input.trim();
}

/** The original's rule: the (method, installment) pair must exist in the methods table. */
export function assertMethodAccepted(methods: readonly PaymentMethod[], method: string, installment: number): void {
  const found = methods.find((m) => m.name === method && installment >= m.minInstallment && installment <= m.maxInstallment);
  if (!found) throw DomainError.invalid(ORDERS_ERRORS.INVALID_METHOD, 'The method passed is invalid.', { error: 'The method passed is invalid.' });
}

export function newOrder(input: { id: string; userId: string; valueCents: number; installment: number; method: string; now: Date }): Order {
  return {
    id: input.id,
    userId: input.userId,
    valueCents: input.valueCents,
    installment: input.installment,
    method: input.method,
    status: 'PROCESSING',
    started: false,
    balanceCheck: 'pending',
    userCheck: 'pending',
    createdAt: input.now,
    updatedAt: input.now,
  };
}

function invalidField(field: string, message: string): DomainError {
  return new DomainError(ORDERS_ERRORS.VALIDATION_FAILED, 'unprocessable', message, { details: { field, errors: [message] } });
}
