import { Context, ContextManager, ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TOPICS, sagaMessage } from './saga-topics';

/** The smallest synchronous context manager: enough for context.with() around one call (the SDK's is async-hooks). */
class StackContextManager implements ContextManager {
  private stack: Context[] = [];
  active(): Context {
    return this.stack[this.stack.length - 1] ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    this.stack.push(ctx);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.stack.pop();
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.stack = [];
    return this;
  }
}

describe('saga messages', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new StackContextManager());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });

  const payload = { id: '0b9e3c4e-8a51-4b43-9a8e-3f0f4f7f2a10', value: '1000', user_id: 'user_test', installment: 1, method: 'cash', status: 'PROCESSING' };

  it("carry the original's headers, keyed by the order id, plus the caller's traceparent when a trace is active", () => {
    const traced = trace.setSpanContext(ROOT_CONTEXT, { traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', spanId: '0123456789abcdef', traceFlags: 1 });
    const now = new Date('2026-01-01T00:00:00.000Z');
    const message = context.with(traced, () => sagaMessage(TOPICS.orchestrator, 'start_event', payload, '5b0c3c8e-0d2a-4f7e-9b1a-0c9f6d2e4a11', now));
    expect(message).toEqual({
      id: '5b0c3c8e-0d2a-4f7e-9b1a-0c9f6d2e4a11',
      topic: 'topic-orchestrator',
      key: payload.id,
      headers: { event: 'start_event', aggregate_id: payload.id, event_id: '5b0c3c8e-0d2a-4f7e-9b1a-0c9f6d2e4a11', timestamp: '2026-01-01T00:00:00.000Z', traceparent: '00-a1b2c3d4e5f60718293a4b5c6d7e8f90-0123456789abcdef-01' },
      value: JSON.stringify(payload),
    });
    // Without an active trace there is no traceparent header (nothing made up).
    expect(sagaMessage(TOPICS.orchestrator, 'start_event', payload).headers.traceparent).toBeUndefined();
  });
});
