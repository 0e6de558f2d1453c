import { Etcd3, LeaseClient } from 'etcd3';
import type { InfraClient } from './infra-client';
import { safeTarget } from './infra-client';

/**
 * Unary calls (get, put, txn, lease grant) give up after this; watches and keep-alive streams are not bounded.
 * Below the usual client deadline (5 s for the detectors' collectors), so a call caught in an etcd leader election
 * is retried on another member (etcd3 retries recoverable errors up to 3 times) or answered UNAVAILABLE, instead of
 * running into the caller's deadline (docs/reliability.md, the detectors scenario: 5 s gave DEADLINE_EXCEEDED).
 */
const CALL_DEADLINE_MS = 2000;

export interface EtcdClientOptions {
  hosts: readonly string[];
}

/**
 * The process's etcd connection, and its DI token: it *is* an etcd3 client (get/put/watch/lease/election/lock).
 * gRPC connects on first use, so an unreachable etcd does not block boot; every unary call carries a deadline
 * so nothing waits forever on a server that accepts connections but never answers.
 */
export class EtcdClient extends Etcd3 implements InfraClient {
  readonly service = 'etcd' as const;
  readonly target: string;
  private disposed = false;

  constructor(options: EtcdClientOptions) {
    super({
      hosts: [...options.hosts],
      defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + CALL_DEADLINE_MS }),
    });
    this.target = options.hosts.map(safeTarget).join(',');
  }

  async healthCheck(): Promise<void> {
    await this.maintenance.status({ deadline: Date.now() + CALL_DEADLINE_MS });
  }

  /**
   * Revokes any lease by id, deleting the keys attached to it: ends someone's leadership or lock at once
   * (operations, and tests that simulate a replica dying).
   */
  async revokeLease(leaseId: string): Promise<void> {
    await new LeaseClient(this.pool).leaseRevoke({ ID: leaseId });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.close();
  }
}
