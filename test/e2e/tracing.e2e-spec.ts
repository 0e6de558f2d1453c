import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TS_NODE_ARGS } from '../support/ts-node-args';

// OpenTelemetry's require hooks do not work under Jest's module loader, so the scenario runs in a child
// process (test/support/trace-probe.ts) with the in-memory exporter and reports what it saw.
describe('trace context propagation (child process)', () => {
  let result: { http: { serverSpanParent?: string; logTraceId?: string }; grpc: { exists: boolean; callerTraceId: string; seenTraceparent?: string } };

  beforeAll(() => {
    const probe = spawnSync(process.execPath, [...TS_NODE_ARGS, 'test/support/trace-probe.ts'], {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 60000,
      env: { PATH: process.env.PATH ?? '' },
    });
    if (probe.status !== 0) throw new Error(`trace probe failed (${probe.status}): ${probe.stderr}`);
    result = JSON.parse(probe.stdout.trim().split('\n').pop() ?? '{}');
  }, 70000);

  it('continues an incoming HTTP traceparent in the server span', () => {
    expect(result.http.serverSpanParent).toBe('00f067aa0ba902b7');
  });

  it('writes the trace id on the request log line', () => {
    expect(result.http.logTraceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('sends the caller trace in gRPC metadata of remote facade calls', () => {
    expect(result.grpc.exists).toBe(true);
    expect(result.grpc.seenTraceparent).toMatch(new RegExp(`^00-${result.grpc.callerTraceId}-[0-9a-f]{16}-01$`));
  });
});
