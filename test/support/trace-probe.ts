// Run in a child process (Jest's module loader defeats OpenTelemetry's require hooks): starts tracing with the
// in-memory exporter BEFORE Nest and gRPC load, boots Junction, and reports what propagated, as JSON on stdout.
import { startTracing } from '@libs/platform/tracing';

const tracing = startTracing({ serviceName: 'trace-probe', exporter: 'memory' });

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runScenario } = require('./trace-scenario') as typeof import('./trace-scenario');
  const result = await runScenario(tracing.memory!);
  await tracing.shutdown();
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error)?.stack ?? error));
  process.exit(1);
});
