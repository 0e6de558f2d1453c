import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import neo4j, { Driver, RoutingControl, isRetriableError } from 'neo4j-driver';
import { DomainError, isDomainError } from '@libs/kernel';
import { FlightsErrorCode } from '../../../domain';

const tracer = trace.getTracer('junction.flights.neo4j');

/**
 * Runs one Cypher statement in a manual CLIENT span (OpenTelemetry's Neo4j instrumentation supports driver 4.x
 * only). A Neo4j that cannot be reached becomes FLIGHTS.GRAPH_UNAVAILABLE (503), never a 500.
 */
export async function runCypher<R = Record<string, unknown>>(
  driver: Driver,
  operation: string,
  cypher: string,
  params: Record<string, unknown>,
  mode: 'read' | 'write',
): Promise<{ records: R[]; counters: Record<string, number> }> {
  return tracer.startActiveSpan(
    `neo4j ${operation}`,
    { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'neo4j', 'db.operation.name': operation, 'db.query.text': cypher.replace(/\s+/g, ' ').trim().slice(0, 500) } },
    async (span) => {
      try {
        const routing: RoutingControl = mode === 'read' ? neo4j.routing.READ : neo4j.routing.WRITE;
        const result = await driver.executeQuery(cypher, params, { routing });
        const updates = result.summary.counters.updates() as unknown as Record<string, number>;
        span.setAttribute('db.response.returned_rows', result.records.length);
        return { records: result.records.map((r) => r.toObject() as R), counters: updates };
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw toDomainError(error);
      } finally {
        span.end();
      }
    },
  );
}

function toDomainError(error: unknown): unknown {
  if (isDomainError(error)) return error;
  const code = (error as { code?: string }).code ?? '';
  if (isRetriableError(error) || ['ServiceUnavailable', 'SessionExpired', 'ECONNREFUSED'].includes(code) || /connect|acquisition/i.test((error as Error)?.message ?? '')) {
    return new DomainError(FlightsErrorCode.GraphUnavailable, 'unavailable', 'the flights graph (Neo4j) is unavailable', { cause: error, retryAfterSeconds: 5 });
  }
  return error;
}

/** Neo4j integers (or plain numbers) to JS numbers; null stays null. */
export function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  return Number(value);
}
