import { Server, ServerUnaryCall, ServerWritableStream, sendUnaryData, status as GrpcStatus } from '@grpc/grpc-js';
import { PackageDefinition, loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';

/** grpc.health.v1 ServingStatus values. */
export const SERVING_STATUS = { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } as const;
type ServingStatus = (typeof SERVING_STATUS)[keyof typeof SERVING_STATUS];

export interface GrpcHealthOptions {
  /** Path of proto/grpc/health/v1/health.proto. */
  healthProtoPath: string;
  /** False while the process drains (SIGTERM): every service then reports NOT_SERVING. */
  isServing: () => boolean;
  /** How often Watch re-evaluates the status (it sends only changes). */
  watchIntervalMs?: number;
}

interface HealthRequest {
  service?: string;
}

/** Fully-qualified names of every service in a package definition, e.g. `collector.CollectorService`. */
export function serviceNames(definition: PackageDefinition): string[] {
  return Object.entries(definition)
    .filter(([, value]) => typeof value === 'object' && value !== null && !('format' in value) && !('type' in value))
    .map(([name]) => name);
}

/**
 * Adds the standard `grpc.health.v1.Health` service (Check and Watch) and server reflection (v1 and v1alpha) to a
 * grpc-js server, covering every service of `definition` plus the health service itself. Called from Nest's
 * `onLoadPackageDefinition` hook, so the one gRPC port of the process serves them beside the modules' services.
 */
export function addHealthAndReflection(server: Pick<Server, 'addService'>, definition: PackageDefinition, options: GrpcHealthOptions): void {
  const healthDefinition = loadSync(options.healthProtoPath, { keepCase: true, defaults: true });
  const known = new Set(['', ...serviceNames(definition), ...serviceNames(healthDefinition)]);
  const statusOf = (service: string): ServingStatus | undefined => {
    if (!known.has(service)) return undefined;
    return options.isServing() ? SERVING_STATUS.SERVING : SERVING_STATUS.NOT_SERVING;
  };
  const interval = options.watchIntervalMs ?? 1000;
  const health = healthDefinition['grpc.health.v1.Health'] as unknown as Parameters<Server['addService']>[0];

  server.addService(health, {
    Check(call: ServerUnaryCall<HealthRequest, unknown>, callback: sendUnaryData<unknown>) {
      const service = String(call.request?.service ?? '');
      const status = statusOf(service);
      if (status === undefined) callback({ code: GrpcStatus.NOT_FOUND, details: `unknown service ${service.slice(0, 200)}` });
      else callback(null, { status });
    },
    Watch(call: ServerWritableStream<HealthRequest, unknown>) {
      const service = String(call.request?.service ?? '');
      let last: ServingStatus | undefined;
      const send = (): void => {
        const status = statusOf(service) ?? SERVING_STATUS.SERVICE_UNKNOWN;
        if (status !== last) {
          last = status;
          call.write({ status });
        }
      };
      send();
      const timer = setInterval(send, interval);
      timer.unref();
      const stop = (): void => clearInterval(timer);
      call.on('cancelled', stop);
      call.on('close', stop);
      call.on('error', stop);
    },
  });
  new ReflectionService({ ...definition, ...healthDefinition }).addToServer(server);
}
