export const ORDERS_SETTINGS = 'orders:settings';

export type SagaRole = 'orchestrator' | 'balance-validator' | 'user-status-validator';
export const SAGA_ROLES: readonly SagaRole[] = ['orchestrator', 'balance-validator', 'user-status-validator'];

export interface OrdersSettings {
  /** Prepended to every saga topic and consumer group (isolates test runs; '' in production). */
  topicPrefix: string;
  /** Which saga consumers this process runs (all by default; split processes pick some). */
  roles: readonly SagaRole[];
  /** Whether this process polls the saga outbox for orphaned messages (writers publish their own at once). */
  relay: boolean;
  relayPollMs: number;
  maxPageSize: number;
}
