import { Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { SAGA_EVENTS, userStatusMessage } from '../../../domain/saga';
import { SagaBroker } from '../../../ports/saga-broker';
import type { InboundMessage } from '../../../ports/saga-broker';
import { UserStatusChecker } from '../../../ports/user-status-checker';
import { parseSagaMessage, poison } from '../../saga-message-parsing';
import { TOPICS, derivedId, sagaMessage } from '../../saga-topics';

/**
 * The user-status validator (group `orders-user-status-validator`). When the user source is unavailable the checker
 * throws `unavailable`; the consumer then retries the same message (the order stays PROCESSING) until it answers.
 */
@Injectable()
export class ValidateUserStatusHandler {
  constructor(
    private readonly broker: SagaBroker,
    private readonly checker: UserStatusChecker,
    private readonly clock: Clock,
  ) {}

  async execute(message: InboundMessage): Promise<void> {
    const parsed = parseSagaMessage(message);
    if (parsed.event === SAGA_EVENTS.compensateUserStatus) return;
    if (parsed.event !== SAGA_EVENTS.validateUserStatus) throw poison(`unknown event "${parsed.event}" for the user-status validator`);
    if (typeof parsed.payload.user_id !== 'string' || parsed.payload.user_id.length === 0) throw poison('body has no "user_id"');
    const valid = await this.checker.isValid(parsed.payload.user_id);
    await this.broker.publish([
      sagaMessage(TOPICS.orchestrator, SAGA_EVENTS.resultUserStatus, { ...parsed.payload, valid, message: userStatusMessage(valid) }, derivedId(parsed.eventId, 'result'), this.clock.now()),
    ]);
  }
}
