import { Client, Metadata, status } from '@grpc/grpc-js';
import { DomainError } from '@libs/kernel';
import { propagation, context } from '@opentelemetry/api';

/** gRPC statuses that mean "the owner is not reachable right now": retried by the resilience policy. */
const TRANSIENT = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED]);

type Unary<Req, Res> = (req: Req, md: Metadata, opts: { deadline: Date }, cb: (err: (Error & { code?: number; details?: string; metadata?: Metadata }) | null, res?: Res) => void) => unknown;

/** `<MODULE>.<CODE>: message`, as the platform's GrpcErrorFilter writes a DomainError. */
const DOMAIN_CODE = /^([A-Z][A-Z0-9_]*\.[A-Z0-9_.]+): /;

/**
 * One unary call (a remote rate limit keeps its code as `rate_limited`; other errors coded `<prefix>.UNAVAILABLE`, `.INVALID_ARGUMENT`, `.NOT_FOUND`, `.REMOTE_FAILURE`) with a deadline and W3C trace context in the metadata. Transport failures become
 * `unavailable` DomainErrors (so breakers and 503s work the same for every remote facade).
 */
export function callUnary<Req, Res>(client: Client, method: Unary<Req, Res>, request: Req, deadlineMs: number, codePrefix: string): Promise<Res> {
  const metadata = new Metadata();
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [k, v] of Object.entries(carrier)) metadata.set(k, v);
  return new Promise<Res>((resolve, reject) => {
    method.call(client, request, metadata, { deadline: new Date(Date.now() + deadlineMs) }, (err, res) => {
      if (!err) return resolve(res as Res);
      // A rate limit the remote module decided (e.g. IDENTITY.TOO_MANY_ATTEMPTS) is an answer, not an outage: it keeps
      // its code and Retry-After and is neither retried nor counted by breakers.
      const domainCode = err.code === status.RESOURCE_EXHAUSTED ? DOMAIN_CODE.exec(err.details ?? '') : null;
      if (domainCode) {
        const retryAfter = Number(err.metadata?.get('retry-after')[0]);
        const message = (err.details ?? '').slice(domainCode[0].length);
        return reject(new DomainError(domainCode[1], 'rate_limited', message, Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}));
      }
      if (err.code !== undefined && TRANSIENT.has(err.code)) {
        return reject(DomainError.unavailable(`${codePrefix}.UNAVAILABLE`, `remote call failed: ${err.details ?? err.message}`, err));
      }
      if (err.code === status.INVALID_ARGUMENT) return reject(DomainError.invalid(`${codePrefix}.INVALID_ARGUMENT`, err.details ?? err.message));
      if (err.code === status.NOT_FOUND) return reject(DomainError.notFound(`${codePrefix}.NOT_FOUND`, err.details ?? err.message));
      return reject(new DomainError(`${codePrefix}.REMOTE_FAILURE`, 'internal', `remote call failed: ${err.details ?? err.message}`, { cause: err }));
    });
  });
}
