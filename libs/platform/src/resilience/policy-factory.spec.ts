import { DomainError } from '@libs/kernel';
import { CircuitState, createPolicy, isTransient } from './policy-factory';

const options = { name: 'dep', errorCode: 'DEP.UNAVAILABLE', timeoutMs: 200, retries: 2, breakerThreshold: 3, halfOpenAfterMs: 150, initialBackoffMs: 1, maxBackoffMs: 2 };

describe('resilience policy', () => {
  it('classifies transient errors only', () => {
    expect(isTransient(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransient(DomainError.unavailable('X', 'down'))).toBe(true);
    expect(isTransient(DomainError.invalid('X', 'bad'))).toBe(false);
    expect(isTransient(new Error('bug'))).toBe(false);
  });

  it('retries transient failures and returns the eventual success', async () => {
    const policy = createPolicy(options);
    let calls = 0;
    const result = await policy.execute(async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('never retries business errors', async () => {
    const policy = createPolicy(options);
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls++;
        throw DomainError.conflict('X.EXISTS', 'exists');
      }),
    ).rejects.toMatchObject({ code: 'X.EXISTS' });
    expect(calls).toBe(1);
  });

  it('times out slow calls as unavailable', async () => {
    const policy = createPolicy({ ...options, retries: 0, timeoutMs: 30 });
    await expect(policy.execute(() => new Promise((resolve) => setTimeout(resolve, 500)))).rejects.toMatchObject({ code: 'DEP.UNAVAILABLE', category: 'unavailable' });
  });

  it('opens the breaker after consecutive transient failures, reports state, and closes after a good trial', async () => {
    const states: CircuitState[] = [];
    const policy = createPolicy({ ...options, retries: 0, onBreakerStateChange: (s) => states.push(s) });
    const down = () => policy.execute(async () => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })));
    for (let i = 0; i < 3; i++) await expect(down()).rejects.toMatchObject({ category: 'unavailable' });
    expect(policy.state).toBe(CircuitState.Open);
    let called = false;
    await expect(policy.execute(async () => (called = true))).rejects.toMatchObject({ message: expect.stringContaining('circuit open'), retryAfterSeconds: 1 });
    expect(called).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(policy.execute(async () => 'back')).resolves.toBe('back');
    expect(policy.state).toBe(CircuitState.Closed);
    expect(states).toEqual([CircuitState.Closed, CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed]);
  });
});
