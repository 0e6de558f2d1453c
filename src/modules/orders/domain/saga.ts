import type { CheckResult, Order, OrderStatus } from './order';

/** Step names of the event log and the `event` header values of the saga messages (the original's names). */
export const SAGA_EVENTS = {
  start: 'start_event',
  validateBalance: 'validate_balance',
  validateUserStatus: 'validate_user_status',
  resultBalance: 'result_validate_balance',
  resultUserStatus: 'result_validate_user_status',
  compensationStarted: 'compensation_started',
  compensateUserStatus: 'compensation_validate_user_status',
  compensateBalance: 'compensation_balance_status',
} as const;

export type SagaCheck = 'balance' | 'user_status';

export const BALANCE_LIMIT_CENTS = 10_000_00;

export const MESSAGES = {
  started: 'Order started.',
  balanceValid: 'Balance is valid.',
  balanceInvalid: 'Balance is invalid.',
  userValid: 'User is valid.',
  userInvalid: 'User is invalid.',
  compensationStarted: 'Compensation started.',
  compensateUser: 'User status validation compensated.',
  compensateBalance: 'Balance validation compensated.',
} as const;

/** Balance rule: value ≤ 10,000.00 passes. */
export function checkBalance(valueCents: number): { passed: boolean; message: string } {
  const passed = valueCents <= BALANCE_LIMIT_CENTS;
  return { passed, message: passed ? MESSAGES.balanceValid : MESSAGES.balanceInvalid };
}

export function userStatusMessage(passed: boolean): string {
  return passed ? MESSAGES.userValid : MESSAGES.userInvalid;
}

/** One appended line of the event log. */
export interface SagaLogEntry {
  event: string;
  message: string;
  status: OrderStatus;
}

/** What the orchestrator asks the rest of the saga to do (becomes outbox messages). */
export type SagaRequest =
  | { kind: 'validate'; check: SagaCheck }
  | { kind: 'compensate'; check: SagaCheck };

export interface SagaTransition {
  order: Order;
  log: SagaLogEntry[];
  requests: SagaRequest[];
  /** Set when this transition settled the order (exactly once per order). */
  settled?: Exclude<OrderStatus, 'PROCESSING'>;
}

/** `order started`: request both validations in parallel. Null when already started (duplicate). */
export function onStarted(order: Order, now: Date): SagaTransition | null {
  if (order.started || order.status !== 'PROCESSING') return null;
  return {
    order: { ...order, started: true, updatedAt: now },
    log: [{ event: SAGA_EVENTS.start, message: MESSAGES.started, status: order.status }],
    requests: [
      { kind: 'validate', check: 'balance' },
      { kind: 'validate', check: 'user_status' },
    ],
  };
}

/**
 * A validator's result. Ignored (null) when the order is settled or this check already has a result, so duplicated or
 * redelivered results never append a step twice nor settle twice. Once both results are in: all passed → APPROVED;
 * otherwise CANCELED, with compensations for the checks that had passed.
 */
export function onResult(order: Order, check: SagaCheck, passed: boolean, message: string, now: Date): SagaTransition | null {
  if (order.status !== 'PROCESSING') return null;
  const current = check === 'balance' ? order.balanceCheck : order.userCheck;
  if (current !== 'pending') return null;
  const result: CheckResult = passed ? 'passed' : 'failed';
  let next: Order = { ...order, ...(check === 'balance' ? { balanceCheck: result } : { userCheck: result }), updatedAt: now };
  const event = check === 'balance' ? SAGA_EVENTS.resultBalance : SAGA_EVENTS.resultUserStatus;
  const log: SagaLogEntry[] = [];
  const requests: SagaRequest[] = [];
  let settled: SagaTransition['settled'];
  if (next.balanceCheck !== 'pending' && next.userCheck !== 'pending') {
    settled = next.balanceCheck === 'passed' && next.userCheck === 'passed' ? 'APPROVED' : 'CANCELED';
    next = { ...next, status: settled };
  }
  log.push({ event, message, status: next.status });
  if (settled === 'CANCELED') {
    const succeeded: SagaCheck[] = [];
    if (next.userCheck === 'passed') succeeded.push('user_status');
    if (next.balanceCheck === 'passed') succeeded.push('balance');
    if (succeeded.length > 0) {
      log.push({ event: SAGA_EVENTS.compensationStarted, message: MESSAGES.compensationStarted, status: next.status });
      for (const c of succeeded) {
        requests.push({ kind: 'compensate', check: c });
        log.push(
          c === 'user_status'
            ? { event: SAGA_EVENTS.compensateUserStatus, message: MESSAGES.compensateUser, status: next.status }
            : { event: SAGA_EVENTS.compensateBalance, message: MESSAGES.compensateBalance, status: next.status },
        );
      }
    }
  }
  return { order: next, log, requests, settled };
}
