import { Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { parseValue } from '../../../domain/order';
import { SAGA_EVENTS, checkBalance } from '../../../domain/saga';
import { SagaBroker } from '../../../ports/saga-broker';
import type { InboundMessage } from '../../../ports/saga-broker';
import { parseSagaMessage, poison } from '../../saga-message-parsing';
import { TOPICS, derivedId, sagaMessage } from '../../saga-topics';

/**
 * The balance validator (group `orders-balance-validator`): checks the limit and answers on `topic-orchestrator`. The
 * result's id derives from the request's, so a redelivered request produces the same (deduplicated) result. It keeps no
 * reservation, so a compensation only acknowledges.
 */
@Injectable()
export class ValidateBalanceHandler {
  constructor(
    private readonly broker: SagaBroker,
    private readonly clock: Clock,
  ) {}

  async execute(message: InboundMessage): Promise<void> {
    const parsed = parseSagaMessage(message);
    if (parsed.event === SAGA_EVENTS.compensateBalance) return;
    if (parsed.event !== SAGA_EVENTS.validateBalance) throw poison(`unknown event "${parsed.event}" for the balance validator`);
    let cents: number;
    try {
      cents = parseValue(parsed.payload.value);
    } catch {
      throw poison('body has no valid "value"');
    }
    const result = checkBalance(cents);
    await this.broker.publish([
      sagaMessage(TOPICS.orchestrator, SAGA_EVENTS.resultBalance, { ...parsed.payload, valid: result.passed, message: result.message }, derivedId(parsed.eventId, 'result'), this.clock.now()),
    ]);
  }
}
