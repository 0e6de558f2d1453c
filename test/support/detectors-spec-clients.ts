import { Client, Metadata, ServiceError, credentials, loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';

/** A client built only from the spec's proto text (test/e2e/fixtures/detectors-spec), with proto-loader's default options. */
export function specClients(target: string): { collector: Client; query: Client; close(): void } {
  const dir = join(__dirname, '..', 'e2e', 'fixtures', 'detectors-spec');
  const pkg = loadPackageDefinition(loadSync([join(dir, 'collector.proto'), join(dir, 'query.proto')])) as never as {
    collector: { CollectorService: typeof Client };
    query: { QueryService: typeof Client };
  };
  const collector = new pkg.collector.CollectorService(target, credentials.createInsecure());
  const query = new pkg.query.QueryService(target, credentials.createInsecure());
  return { collector, query, close: () => [collector, query].forEach((c) => c.close()) };
}

/** One unary call with a deadline. */
export function unary<T>(client: Client, method: string, body: unknown, deadlineMs = 5000): Promise<T> {
  return new Promise((resolve, reject) =>
    (client as never as Record<string, (...a: unknown[]) => void>)[method].call(client, body, new Metadata(), { deadline: Date.now() + deadlineMs }, (e: Error | null, r: T) => (e ? reject(e) : resolve(r))),
  );
}

/** The gRPC error a call must end with. */
export function grpcError(promise: Promise<unknown>): Promise<ServiceError> {
  return promise.then(
    () => {
      throw new Error('expected a gRPC error');
    },
    (e: ServiceError) => e,
  );
}
