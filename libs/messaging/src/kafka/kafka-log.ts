import { LogEntry, logCreator, logLevel } from 'kafkajs';
import { MessagingLogger } from '../messaging-logger';

/**
 * kafkajs logs at ERROR for things it recovers from by itself (rebalances, reconnects), so its lines go to
 * our logger at warn; failures we act on (dead letters, crashed consumers, failed publishes) are logged
 * as errors by the bus itself.
 */
export function kafkaLogCreator(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, log }: LogEntry) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      logger.warn({ kafkajs: namespace, ...extra }, String(message));
    };
}

/** Only ERROR entries reach the log creator. */
export const KAFKA_LOG_LEVEL = logLevel.ERROR;
