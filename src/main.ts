// Entry point. Tracing must patch http and gRPC before they are first required, so this file imports only
// config and tracing, and loads Nest and the modules lazily once tracing runs.
import { ConfigError, PLATFORM_CONFIG, readConfig } from '@libs/platform/config';
import { TracesExporter, startTracing } from '@libs/platform/tracing';

const TRACING_KEYS = ['PROCESS_NAME', 'OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_TRACES_FILE'];

async function main(): Promise<void> {
  const tracingConfig = readConfig([{ owner: 'platform', keys: PLATFORM_CONFIG.keys.filter((k) => TRACING_KEYS.includes(k.name)) }], process.env);
  const tracing = startTracing({
    serviceName: tracingConfig.string('PROCESS_NAME'),
    exporter: tracingConfig.string('OTEL_TRACES_EXPORTER') as TracesExporter,
    otlpEndpoint: tracingConfig.optionalString('OTEL_EXPORTER_OTLP_ENDPOINT'),
    filePath: tracingConfig.string('OTEL_TRACES_FILE'),
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startJunction } = require('./bootstrap') as typeof import('./bootstrap');
  const junction = await startJunction({ env: process.env, argv: process.argv.slice(2) });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    junction.logger.info({ signal }, 'shutting down: draining HTTP, gRPC and consumers');
    setTimeout(() => {
      junction.logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, junction.config.int('SHUTDOWN_TIMEOUT_MS')).unref();
    await junction.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  const text = error instanceof ConfigError ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`junction: cannot start.\n${text}\n`);
  process.exit(1);
});
