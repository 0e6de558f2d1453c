import { Admin, Kafka, logLevel } from 'kafkajs';
import type { InfraClient } from './infra-client';
import { withTimeout } from './infra-client';

const CONNECT_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 1500;
const DISCONNECT_TIMEOUT_MS = 2000;

export interface KafkaHealthOptions {
  brokers: readonly string[];
  clientId: string;
}

/**
 * Kafka's readiness check only: producing and consuming belong to libs/messaging. One admin connection,
 * opened on the first check and dropped after a failed one (so the next check starts clean), answering
 * `describeCluster` with short timeouts and no retries: readiness must report, not wait.
 */
export class KafkaHealthCheck implements InfraClient {
  readonly service = 'kafka' as const;
  readonly target: string;
  private readonly kafka: Kafka;
  /** Shared by overlapping checks so two probes at once do not open two connections. */
  private admin?: Promise<Admin>;
  private disposed = false;

  constructor(options: KafkaHealthOptions) {
    this.target = options.brokers.join(',');
    this.kafka = new Kafka({
      clientId: `${options.clientId}-health`,
      brokers: [...options.brokers],
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      retry: { retries: 0 },
      // kafkajs logs every failed attempt to the console; the readiness result already says what is wrong.
      logLevel: logLevel.NOTHING,
    });
  }

  async healthCheck(): Promise<void> {
    if (this.disposed) throw new Error('kafka health check is closed');
    try {
      this.admin ??= this.connect();
      const cluster = await (await this.admin).describeCluster();
      if (cluster.brokers.length === 0) throw new Error(`kafka at ${this.target} reports no brokers`);
    } catch (error) {
      await this.dropAdmin();
      throw error;
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.dropAdmin();
  }

  private async connect(): Promise<Admin> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      return admin;
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private async dropAdmin(): Promise<void> {
    const pending = this.admin;
    this.admin = undefined;
    const admin = await pending?.catch(() => undefined);
    if (admin) await withTimeout(admin.disconnect(), DISCONNECT_TIMEOUT_MS, 'kafka admin disconnect timed out').catch(() => undefined);
  }
}
