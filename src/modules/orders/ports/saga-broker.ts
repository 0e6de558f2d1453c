import type { SagaMessage } from './order-store';

export interface InboundMessage {
  /** The original's topic name (without the deployment's prefix). */
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: string;
  partition: number;
  offset: string;
  /** Keeps the consumer's group membership alive during long retries (Kafka); absent in memory. */
  heartbeat?: () => Promise<void>;
}

/** Resolves = done (the position is committed); throws = not done (the message is delivered again). */
export type InboundHandler = (message: InboundMessage) => Promise<void>;

/**
 * The saga's wire: the original system's topics, keys and headers (not Junction's integration-event envelopes).
 * Delivery is at least once, in order per key and consumer group.
 */
export abstract class SagaBroker {
  /** Resolves once every message is durably accepted. */
  abstract publish(messages: readonly SagaMessage[]): Promise<void>;

  /** Registers a consumer group for some topics; call before `start`. */
  abstract subscribe(group: string, topics: readonly string[], handler: InboundHandler): void;

  abstract start(): Promise<void>;

  /** Stops consuming: in-flight handlers finish; later messages stay uncommitted. */
  abstract stop(): Promise<void>;
}
