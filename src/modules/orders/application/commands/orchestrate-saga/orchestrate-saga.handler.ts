import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { LOGGER, PinoLogger } from '@libs/platform';
import type { Order } from '../../../domain/order';
import { SAGA_EVENTS, SagaCheck, SagaTransition, onResult, onStarted } from '../../../domain/saga';
import { OrderStore, SagaMessage, TransitionResult } from '../../../ports/order-store';
import type { InboundMessage } from '../../../ports/saga-broker';
import { OrdersMetrics } from '../../orders-metrics';
import { SagaRelay } from '../../saga-relay';
import { parseSagaMessage, poison } from '../../saga-message-parsing';
import { GROUPS, compensationTopic, derivedId, payloadOf, sagaMessage, validationTopic } from '../../saga-topics';

/**
 * The orchestrator (consumer group `orders-orchestrator`, topic `topic-orchestrator`): on `start_event` requests both
 * validations; on each result records it and, once both are in, settles the order exactly once (APPROVED, or
 * CANCELED with compensations for the checks that had passed). Every effect is one store transition, deduplicated by
 * message id and by step, so duplicated or redelivered messages change nothing.
 */
@Injectable()
export class OrchestrateSagaHandler {
  constructor(
    private readonly store: OrderStore,
    private readonly clock: Clock,
    private readonly relay: SagaRelay,
    private readonly metrics: OrdersMetrics,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  async execute(message: InboundMessage): Promise<void> {
    const parsed = parseSagaMessage(message);
    let settled: SagaTransition['settled'];
    let createdAt: Date | undefined;
    let outbox: SagaMessage[] = [];
    const decide = (order: Order): TransitionResult | null => {
      const now = this.clock.now();
      let transition: SagaTransition | null;
      switch (parsed.event) {
        case SAGA_EVENTS.start:
          transition = onStarted(order, now);
          break;
        case SAGA_EVENTS.resultBalance:
        case SAGA_EVENTS.resultUserStatus: {
          if (typeof parsed.payload.valid !== 'boolean') throw poison('a result needs a boolean "valid"');
          const check: SagaCheck = parsed.event === SAGA_EVENTS.resultBalance ? 'balance' : 'user_status';
          transition = onResult(order, check, parsed.payload.valid, String(parsed.payload.message ?? ''), now);
          break;
        }
        default:
          throw poison(`unknown event "${parsed.event}" on the orchestrator topic`);
      }
      if (!transition) return null;
      settled = transition.settled;
      createdAt = order.createdAt;
      outbox = transition.requests.map((r) =>
        r.kind === 'validate'
          ? sagaMessage(validationTopic(r.check), r.check === 'balance' ? SAGA_EVENTS.validateBalance : SAGA_EVENTS.validateUserStatus, payloadOf(transition!.order), derivedId(parsed.eventId, `validate:${r.check}`), now)
          : sagaMessage(compensationTopic(r.check), r.check === 'balance' ? SAGA_EVENTS.compensateBalance : SAGA_EVENTS.compensateUserStatus, payloadOf(transition!.order), derivedId(parsed.eventId, `compensate:${r.check}`), now),
      );
      return { order: transition.order, log: transition.log, outbox };
    };
    const outcome = await this.store.transition(GROUPS.orchestrator, parsed.eventId, parsed.orderId, decide);
    if (outcome === 'missing') throw poison(`order ${parsed.orderId} does not exist`);
    if (outcome !== 'applied') {
      this.logger.debug({ module: 'orders', orderId: parsed.orderId, event: parsed.event, outcome }, 'saga message changed nothing');
      return;
    }
    if (settled) {
      this.metrics.settled.inc({ status: settled });
      if (createdAt) this.metrics.sagaLatency.observe({ status: settled }, Math.max(0, this.clock.now().getTime() - createdAt.getTime()) / 1000);
    }
    this.relay.publishCommitted(outbox);
  }
}
