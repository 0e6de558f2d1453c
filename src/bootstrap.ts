import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { DestinationStream } from 'pino';
import {
  AppConfig,
  GrpcErrorFilter,
  HealthRegistry,
  addHealthAndReflection,
  MetricsService,
  PinoLogger,
  PinoNestLogger,
  createLogger,
  grpcServerCredentials,
  planGrpcListen,
  requestContext,
} from '@libs/platform';
import { protoPath } from '@libs/contracts';
import { AppModule } from './app.module';
import { installBodyRules, logExposure, startMetricsPort } from './edge-security';
import { answerFrameworkErrors } from './http/framework-errors';
import { answerUnsupportedMethods } from './http/method-not-allowed';
import { MAX_PATH_PARAM_LENGTH, describeEdgeResponses } from './http/openapi-edge';
import { manifestsFor } from './runtime/module-registry';
import { loadConfig } from './runtime/runtime-config';
import { RuntimeProfile, flagsFromArgv, parseProfile } from './runtime/runtime-profile';

export interface JunctionApp {
  app: NestFastifyApplication;
  profile: RuntimeProfile;
  config: AppConfig;
  logger: PinoLogger;
  /** Base URL of the HTTP server (after listen). */
  httpUrl: string;
  /** host:port of the gRPC server, when a booted module serves gRPC. */
  grpcAddress?: string;
  close(): Promise<void>;
}

export interface BootOptions {
  env?: Record<string, string | undefined>;
  argv?: readonly string[];
  /** Where log lines go (tests capture them). Defaults to stdout. */
  logDestination?: DestinationStream;
}

/** Profile and config from flags + environment; throws ConfigError listing every problem. */
export function resolveRuntime(options: BootOptions = {}): { profile: RuntimeProfile; config: AppConfig } {
  const env = { ...(options.env ?? process.env), ...flagsFromArgv(options.argv ?? []) };
  const profile = parseProfile(env);
  return { profile, config: loadConfig(profile, env) };
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds and starts one Junction process: HTTP (Fastify), gRPC when needed, Swagger, health, metrics. */
export async function startJunction(options: BootOptions = {}): Promise<JunctionApp> {
  const { profile, config } = resolveRuntime(options);
  const processName = config.string('PROCESS_NAME');
  const logger = createLogger({ level: config.string('LOG_LEVEL'), processName, destination: options.logDestination });
  const trustedProxies = config.list('TRUSTED_PROXIES');

  const adapter = new FastifyAdapter({
    bodyLimit: config.int('HTTP_BODY_LIMIT_BYTES'),
    trustProxy: trustedProxies.length > 0 ? [...trustedProxies] : false,
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    frameworkErrors: answerFrameworkErrors,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ profile, config, logger }), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    // Body parsers are installBodyRules' (Nest's would parse forms for every route).
    bodyParser: false,
  });
  installHttpHooks(app, logger);
  installBodyRules(app, config);
  setUpSwagger(app, profile);

  const grpc = await startGrpc(app, profile, config, logger);
  const grpcAddress = grpc?.address;
  await app.listen({ port: config.int('PORT'), host: config.string('HOST') });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.int('PORT');
  const httpUrl = `http://127.0.0.1:${port}`;
  const metricsPort = await startMetricsPort(app, config);
  logExposure(logger, config, { http: `${config.string('HOST')}:${port}`, grpc: grpc?.exposure, metricsPort: metricsPort?.address }, grpc?.warning);
  logger.info({ modules: profile.modules, adapters: profile.adapters, httpUrl, grpcAddress }, 'junction started');

  return {
    app,
    profile,
    config,
    logger,
    httpUrl,
    grpcAddress,
    async close() {
      app.get(HealthRegistry).startDraining();
      metricsPort?.server.close();
      await app.close();
      logger.flush();
    },
  };
}

function installHttpHooks(app: NestFastifyApplication, logger: PinoLogger): void {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    requestContext.run({ requestId: String(request.id) }, done);
  });
  answerUnsupportedMethods(fastify);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    logger.info({ requestId: request.id, method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });
}

function setUpSwagger(app: NestFastifyApplication, profile: RuntimeProfile): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Junction')
      .setDescription(`Transport operations platform. Modules booted in this process: ${profile.modules.join(', ')}. Errors are RFC 9457 problem+json with a stable \`code\`.`)
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  describeEdgeResponses(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json', yamlDocumentUrl: 'docs/yaml' });
}

interface GrpcStarted {
  address: string;
  /** For the boot log: where, with which transport security. */
  exposure: string;
  warning?: string;
}

async function startGrpc(app: NestFastifyApplication, profile: RuntimeProfile, config: AppConfig, logger: PinoLogger): Promise<GrpcStarted | undefined> {
  const services = manifestsFor(profile.modules).flatMap((m) => m.grpc);
  if (services.length === 0) return undefined;
  // Loopback unless mTLS is configured or the operator opted in to plaintext on the network (docs/adr/0014).
  const plan = planGrpcListen(config);
  const host = plan.host;
  const internalPackages = services.filter((s) => s.internal).map((s) => s.package);
  const port = config.int('GRPC_PORT') || (await freePort(host));
  const url = `${host}:${port}`;
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.GRPC,
      options: {
        url,
        package: services.map((s) => s.package),
        protoPath: services.map((s) => protoPath(s.protoFile)),
        credentials: grpcServerCredentials(config, { internalPackages }),
        loader: { keepCase: true, defaults: true },
        // The standard grpc.health.v1 service (Check, Watch) and server reflection, for every booted module's services.
        onLoadPackageDefinition: (definition, server) => {
          const health = app.get(HealthRegistry);
          addHealthAndReflection(server, definition, { healthProtoPath: protoPath('grpc/health/v1/health.proto'), isServing: () => !health.isDraining() });
        },
      },
    },
    { inheritAppConfig: true },
  );
  app.useGlobalFilters(new GrpcErrorFilter(logger));
  await app.startAllMicroservices();
  const security = plan.tls
    ? `mTLS, client certificate required${internalPackages.length ? `; checked per call for ${internalPackages.join(', ')}` : ''}`
    : 'plaintext, unauthenticated';
  return {
    address: `${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    exposure: `${url} (${security}): ${services.map((s) => s.package).join(', ')}`,
    warning: plan.warning,
  };
}

/** Nest does not report the port gRPC bound, so port 0 is resolved to a free port up front. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
