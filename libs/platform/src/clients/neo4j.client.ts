import neo4j, { Driver } from 'neo4j-driver';
import type { InfraClient } from './infra-client';
import { safeTarget, withTimeout } from './infra-client';
import { ensureConstraints } from './neo4j-constraints';

const CONNECT_TIMEOUT_MS = 5000;
const ACQUISITION_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 5000;

export interface Neo4jClientOptions {
  url: string;
  user: string;
  password: string;
}

/**
 * The process's Neo4j driver, and its DI token (adapters use `driver.executeQuery` or sessions). The driver
 * connects on first use, so a Neo4j that is down does not block boot. neo4j-driver is not auto-instrumented
 * by OpenTelemetry (only 4.x is), so adapters wrap their calls in manual spans.
 */
export class Neo4jClient implements InfraClient {
  readonly service = 'neo4j' as const;
  readonly target: string;
  readonly driver: Driver;
  private disposed = false;

  constructor(options: Neo4jClientOptions) {
    this.target = safeTarget(options.url);
    this.driver = neo4j.driver(options.url, neo4j.auth.basic(options.user, options.password), {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      connectionAcquisitionTimeout: ACQUISITION_TIMEOUT_MS,
      userAgent: 'junction',
    });
  }

  /** Idempotent per-module schema setup; see {@link ensureConstraints}. */
  ensureConstraints(module: string, statements: readonly string[]): Promise<void> {
    return ensureConstraints(this.driver, module, statements, { target: this.target });
  }

  async healthCheck(): Promise<void> {
    await this.driver.verifyConnectivity();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await withTimeout(this.driver.close(), CLOSE_TIMEOUT_MS, 'neo4j driver did not close in time').catch(() => undefined);
  }
}
