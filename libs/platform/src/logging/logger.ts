import pino, { DestinationStream, Logger } from 'pino';
import { trace } from '@opentelemetry/api';
import { requestContext } from './request-context';

/** Paths pino blanks out wherever they appear: secrets never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  level: string;
  processName: string;
  destination?: DestinationStream;
}

/** One JSON logger per process; every line carries the request id and the active trace id. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { process: options.processName },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const span = trace.getActiveSpan()?.spanContext();
        const ctx = requestContext.getStore();
        return {
          ...(ctx ? { requestId: ctx.requestId } : {}),
          ...(span && span.traceId !== '00000000000000000000000000000000' ? { traceId: span.traceId, spanId: span.spanId } : {}),
        };
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
