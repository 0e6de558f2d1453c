import { Injectable } from '@nestjs/common';
import { Clock, newId } from '@libs/kernel';
import { assertMethodAccepted, newOrder, parseInstallment, parseMethod, parseUserId, parseValue } from '../../../domain/order';
import { SAGA_EVENTS } from '../../../domain/saga';
import { DomainError } from '@libs/kernel';
import { ORDERS_ERRORS } from '../../../domain/errors';
import { OrderStore } from '../../../ports/order-store';
import { OrdersMetrics } from '../../orders-metrics';
import { SagaRelay } from '../../saga-relay';
import { TOPICS, payloadOf, sagaMessage } from '../../saga-topics';
import { OrderView, orderView } from '../../views';

export interface CreateOrderCommand {
  value: unknown;
  user_id: unknown;
  installment: unknown;
  method: unknown;
}

/** Inserts the order (PROCESSING) and its `start_event` outbox message in one transaction, then publishes it. */
@Injectable()
export class CreateOrderHandler {
  constructor(
    private readonly store: OrderStore,
    private readonly clock: Clock,
    private readonly relay: SagaRelay,
    private readonly metrics: OrdersMetrics,
  ) {}

  async execute(command: CreateOrderCommand): Promise<OrderView> {
    const problems: string[] = [];
    const fields: string[] = [];
    const attempt = <T>(field: string, fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (error) {
        fields.push(field);
        problems.push((error as Error).message);
        return undefined;
      }
    };
    const valueCents = attempt('value', () => parseValue(command.value));
    const userId = attempt('user_id', () => parseUserId(command.user_id));
    const installment = attempt('installment', () => parseInstallment(command.installment));
    const method = attempt('method', () => parseMethod(command.method));
    if (problems.length > 0 || valueCents === undefined || userId === undefined || installment === undefined || method === undefined) {
      throw new DomainError(ORDERS_ERRORS.VALIDATION_FAILED, 'unprocessable', problems.join('; '), { details: { fields, errors: problems } });
    }
    assertMethodAccepted(await this.store.methods(), method, installment);
    const order = newOrder({ id: newId(), userId, valueCents, installment, method, now: this.clock.now() });
    const outbox = [sagaMessage(TOPICS.orchestrator, SAGA_EVENTS.start, payloadOf(order))];
    await this.store.create(order, outbox);
    this.metrics.created.inc();
    this.relay.publishCommitted(outbox);
    return orderView(order);
  }
}
