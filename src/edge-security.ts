import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import {
  AppConfig,
  MetricsService,
  PinoLogger,
  describeMetricsAccess,
  installBodyMediaTypeGuard,
  installJsonBodyParser,
  isLoopbackHost,
  metricsPolicy,
  startMetricsListener,
} from '@libs/platform';

/**
 * JSON bodies for every route of every module: one parser with a nesting limit and named errors, and form-like
 * bodies only where a route opted in (@AcceptsForms). Call before Nest registers the routes.
 */
export function installBodyRules(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  installJsonBodyParser(fastify, { maxDepth: config.int('HTTP_JSON_MAX_DEPTH') });
  installBodyMediaTypeGuard(fastify);
}

/** The separate /metrics listener when METRICS_PORT is set. */
export async function startMetricsPort(app: NestFastifyApplication, config: AppConfig): Promise<{ server: Server; address: string } | undefined> {
  if (!config.has('METRICS_PORT')) return undefined;
  return startMetricsListener(app.get(MetricsService), config.string('METRICS_HOST'), config.int('METRICS_PORT'));
}

export interface Exposure {
  http: string;
  grpc?: string;
  metricsPort?: string;
}

/**
 * The boot log's statement of what this process exposes and to whom, so an operator sees at a glance whether
 * anything beyond loopback is unauthenticated. Warnings name the setting that opened it.
 */
export function logExposure(logger: PinoLogger, config: AppConfig, exposure: Exposure, grpcWarning?: string): void {
  const policy = metricsPolicy(config);
  const httpHost = config.string('HOST');
  const exposed = {
    http: `${exposure.http}${isLoopbackHost(httpHost) ? ' (loopback only)' : ' (all routes need an access token unless public)'}`,
    metrics: `/metrics on the HTTP port: ${describeMetricsAccess(policy)}${exposure.metricsPort ? `; also ${exposure.metricsPort}/metrics without a token (METRICS_PORT)` : ''}`,
    ...(exposure.grpc ? { grpc: exposure.grpc } : {}),
  };
  logger.info({ exposed }, 'exposed interfaces');
  if (grpcWarning) logger.warn({ setting: 'GRPC_PLAINTEXT_ON_NETWORK' }, grpcWarning);
  if (policy.public && !isLoopbackHost(httpHost)) {
    logger.warn({ setting: 'METRICS_PUBLIC' }, `/metrics is readable by anyone who reaches ${exposure.http} because METRICS_PUBLIC=true`);
  }
  if (exposure.metricsPort && config.has('METRICS_PORT') && !isLoopbackHost(config.string('METRICS_HOST'))) {
    logger.warn({ setting: 'METRICS_HOST' }, `/metrics is served without a token on ${exposure.metricsPort} (METRICS_HOST=${config.string('METRICS_HOST')}); keep that port off public networks`);
  }
}
