/** The baggage module's settings (its config slice, read in baggage.config.ts). */
export interface BaggageSettings {
  flightsTopic: string;
  bagsTopic: string;
  workTopic: string;
  consumerGroup: string;
  topicPartitions: number;
  redisKeyPrefix: string;
  /** Work producer: tick period, look-ahead window, flights and bags per script call, most flights per tick. */
  tickMs: number;
  windowSeconds: number;
  claimBatch: number;
  claimMaxBags: number;
  maxFlightsPerTick: number;
  /** Work publisher: bytes per produce request (uncompressed) and the compression codec. */
  workMaxRequestBytes: number;
  workCompression: 'lz4' | 'gzip' | 'none';
  /** Retention: arrived flights older than this (and their bags) are removed, every retentionIntervalMs. */
  retentionSeconds: number;
  retentionIntervalMs: number;
  /** Consumers on/off (a process may serve only the REST queries). */
  consumersEnabled: boolean;
  producerEnabled: boolean;
  /** Memory adapters only: demo flights and bags around "now" at boot. */
  demoData: boolean;
}

export const BAGGAGE_SETTINGS = 'baggage:settings';

export const dlqTopic = (topic: string): string => `${topic}.dlq`;
