import { DomainError } from '@libs/kernel';
import { PAYMENT_METHODS, assertMethodAccepted, formatValue, newOrder, parseInstallment, parseValue } from './order';
import { onResult, onStarted } from './saga';

describe('order values', () => {
  it.each([
    ['1000.00', 100000],
    ['1500.5', 150050],
    ['0.01', 1],
    [12.3, 1230],
    [' 7 ', 700],
  ])('parses %p', (input, cents) => expect(parseValue(input)).toBe(cents));

  it.each(['-1', '0', '0.00', 'abc', '1.001', '1e3', '', '1,00', null, {}, '99999999999999'])('rejects %p', (input) => {
    expect(() => parseValue(input)).toThrow(DomainError);
  });

  it('formats without trailing zeros', () => {
    expect(formatValue(100000)).toBe('1000');
    expect(formatValue(150050)).toBe('1500.5');
    expect(formatValue(1)).toBe('0.01');
  });

  it('accepts installments ≥ 1 only and known (method, installment) pairs', () => {
    expect(parseInstallment('10')).toBe(10);
    for (const bad of ['0', '-1', '1.5', 'x', '']) expect(() => parseInstallment(bad)).toThrow(DomainError);
    expect(() => assertMethodAccepted(PAYMENT_METHODS, 'credit_card', 12)).not.toThrow();
    expect(() => assertMethodAccepted(PAYMENT_METHODS, 'credit_card', 13)).toThrow('The method passed is invalid.');
    expect(() => assertMethodAccepted(PAYMENT_METHODS, 'cash', 2)).toThrow(DomainError);
  });
});

describe('saga transitions', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const order = newOrder({ id: 'o', userId: 'u', valueCents: 100, installment: 1, method: 'cash', now });

  it('starts once', () => {
    const t = onStarted(order, now)!;
    expect(t.requests).toEqual([{ kind: 'validate', check: 'balance' }, { kind: 'validate', check: 'user_status' }]);
    expect(onStarted(t.order, now)).toBeNull();
  });

  it('approves when both passed, exactly once', () => {
    const started = onStarted(order, now)!.order;
    const a = onResult(started, 'balance', true, 'Balance is valid.', now)!;
    expect(a.settled).toBeUndefined();
    expect(onResult(a.order, 'balance', false, 'x', now)).toBeNull();
    const b = onResult(a.order, 'user_status', true, 'User is valid.', now)!;
    expect(b.settled).toBe('APPROVED');
    expect(b.order.status).toBe('APPROVED');
    expect(onResult(b.order, 'user_status', true, 'x', now)).toBeNull();
  });

  it('cancels and compensates the checks that had passed', () => {
    const started = onStarted(order, now)!.order;
    const a = onResult(started, 'user_status', true, 'User is valid.', now)!;
    const b = onResult(a.order, 'balance', false, 'Balance is invalid.', now)!;
    expect(b.settled).toBe('CANCELED');
    expect(b.requests).toEqual([{ kind: 'compensate', check: 'user_status' }]);
    expect(b.log.map((l) => l.event)).toEqual(['result_validate_balance', 'compensation_started', 'compensation_validate_user_status']);
    const both = onResult(onResult(started, 'user_status', false, 'User is invalid.', now)!.order, 'balance', false, 'Balance is invalid.', now)!;
    expect(both.requests).toEqual([]);
    expect(both.log.map((l) => l.event)).toEqual(['result_validate_balance']);
  });
});
