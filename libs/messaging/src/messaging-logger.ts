/**
 * The little logging the messaging adapters need. A pino logger fits as is; the default is silent so
 * libraries and tests stay quiet unless a logger is handed in.
 */
export interface MessagingLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const SILENT_LOGGER: MessagingLogger = {
  warn: () => undefined,
  error: () => undefined,
};

/** Error text safe for logs and dead-letter headers: no stack, bounded length. */
export function describeError(error: unknown, max = 1000): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
