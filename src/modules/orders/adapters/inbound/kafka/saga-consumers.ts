import { Inject, Injectable } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { isDomainError } from '@libs/kernel';
import { LOGGER, PinoLogger, extractTraceContext, requestContext } from '@libs/platform';
import { OrchestrateSagaHandler } from '../../../application/commands/orchestrate-saga/orchestrate-saga.handler';
import { ValidateBalanceHandler } from '../../../application/commands/validate-balance/validate-balance.handler';
import { ValidateUserStatusHandler } from '../../../application/commands/validate-user-status/validate-user-status.handler';
import { OrdersMetrics } from '../../../application/orders-metrics';
import { ORDERS_SETTINGS, OrdersSettings } from '../../../application/orders-settings';
import { GROUPS, TOPICS } from '../../../application/saga-topics';
import { SagaBroker } from '../../../ports/saga-broker';
import type { InboundHandler, InboundMessage } from '../../../ports/saga-broker';

const tracer = trace.getTracer('junction-orders');
/** Non-transient failures are retried this many times, then dead-lettered. */
const MAX_ATTEMPTS = 5;
const MAX_BACKOFF_MS = 2000;

/**
 * The saga's consumers, one Kafka consumer group each (orchestrator, balance validator, user-status validator), so any
 * of them can run in a separate process (ORDERS_SAGA_ROLES). Each message runs in a CONSUMER span under the producer's
 * `traceparent`. Failures: poison (undecodable, unknown event or order) → dead-letter topic at once; `unavailable`
 * (user API down) → retried with backoff until it works, holding the partition, so nothing is cancelled wrongly; any
 * other error → retried, then dead-lettered. A dead-lettered message never blocks its partition.
 */
@Injectable()
export class SagaConsumers {
  private stopping = false;

  constructor(
    private readonly broker: SagaBroker,
    private readonly orchestrator: OrchestrateSagaHandler,
    private readonly balance: ValidateBalanceHandler,
    private readonly userStatus: ValidateUserStatusHandler,
    private readonly metrics: OrdersMetrics,
    @Inject(ORDERS_SETTINGS) private readonly settings: OrdersSettings,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  subscribe(): void {
    this.stopping = false;
    const roles = this.settings.roles;
    if (roles.includes('orchestrator')) this.broker.subscribe(GROUPS.orchestrator, [TOPICS.orchestrator], this.wrap(GROUPS.orchestrator, (m) => this.orchestrator.execute(m)));
    if (roles.includes('balance-validator')) {
      this.broker.subscribe(GROUPS.balanceValidator, [TOPICS.balanceValidator, TOPICS.balanceCompensation], this.wrap(GROUPS.balanceValidator, (m) => this.balance.execute(m)));
    }
    if (roles.includes('user-status-validator')) {
      this.broker.subscribe(GROUPS.userStatusValidator, [TOPICS.userStatusValidation, TOPICS.userStatusCompensation], this.wrap(GROUPS.userStatusValidator, (m) => this.userStatus.execute(m)));
    }
  }

  /** Ends retry loops: a message being retried is left uncommitted and delivered again after a restart. */
  stop(): void {
    this.stopping = true;
  }

  private wrap(group: string, handler: InboundHandler): InboundHandler {
    return async (message) => {
      const parent = extractTraceContext({ traceparent: message.headers.traceparent, tracestate: message.headers.tracestate });
      const attributes = { 'messaging.system': 'kafka', 'messaging.destination.name': message.topic, 'messaging.consumer.group.name': group, 'messaging.message.id': message.headers.event_id ?? '' };
      await tracer.startActiveSpan(`process ${message.topic} ${message.headers.event ?? ''}`.trim(), { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
        try {
          await requestContext.run({ requestId: message.headers.event_id ?? message.key }, () => this.handleWithRetries(group, message, handler));
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      });
    };
  }

  private async handleWithRetries(group: string, message: InboundMessage, handler: InboundHandler): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(message);
        return;
      } catch (error) {
        const poison = isDomainError(error) && (error.category === 'invalid' || error.category === 'unprocessable' || error.category === 'not_found');
        const transient = isDomainError(error) && error.category === 'unavailable';
        if (poison || (!transient && attempt >= MAX_ATTEMPTS)) {
          await this.deadLetter(group, message, error, attempt);
          return;
        }
        if (this.stopping) throw error;
        const log = { module: 'orders', group, topic: message.topic, orderId: message.key, attempt, error: (error as Error).message };
        if (transient) this.logger.warn(log, 'saga step waiting for an unavailable dependency; retrying');
        else this.logger.error(log, 'saga step failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(MAX_BACKOFF_MS, 50 * 2 ** Math.min(attempt, 10))));
        await message.heartbeat?.().catch(() => undefined);
        if (this.stopping) throw error;
      }
    }
  }

  private async deadLetter(group: string, message: InboundMessage, error: unknown, attempts: number): Promise<void> {
    const reason = (error as Error).message ?? String(error);
    this.logger.error({ module: 'orders', group, topic: message.topic, partition: message.partition, offset: message.offset, reason, attempts }, 'saga message dead-lettered');
    await this.broker.publish([
      {
        id: message.headers.event_id ?? `${message.topic}:${message.partition}:${message.offset}`,
        topic: TOPICS.deadLetter,
        key: message.key || 'unknown',
        headers: { ...message.headers, 'dlq-reason': reason.slice(0, 500), 'dlq-group': group, 'dlq-source-topic': message.topic, 'dlq-source-partition': String(message.partition), 'dlq-source-offset': message.offset, 'dlq-attempts': String(attempts) },
        value: message.value,
      },
    ]);
    this.metrics.deadLetters.inc({ topic: message.topic, reason: isDomainError(error) ? error.code : 'ERROR' });
  }
}
