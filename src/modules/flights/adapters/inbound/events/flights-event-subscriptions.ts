import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { THRESHOLD_ALERT_V1, ThresholdAlertV1, USER_DELETED_V1, UserDeletedV1 } from '@libs/contracts';
import { EventEnvelope, IntegrationEventBus } from '@libs/messaging';
import { ForgetUserCommand } from '../../../application/commands/forget-user/forget-user.handler';
import { RecordAlertCommand } from '../../../application/commands/record-alert/record-alert.handler';

/**
 * flights' integration-event consumers (group `junction.flights`): a user deleted in identity leaves the graph; the
 * notifier records threshold alerts for `GET /alerts`. Both handlers are idempotent (MERGE / DETACH DELETE by key).
 */
@Injectable()
export class FlightsEventSubscriptions implements OnModuleInit {
  constructor(
    private readonly commands: CommandBus,
    @Optional() private readonly bus?: IntegrationEventBus,
  ) {}

  onModuleInit(): void {
    if (!this.bus) return;
    this.bus.subscribe<UserDeletedV1 | ThresholdAlertV1>({
      module: 'flights',
      eventTypes: [USER_DELETED_V1, THRESHOLD_ALERT_V1],
      handler: async (event) => {
        if (event.type === USER_DELETED_V1) {
          await this.commands.execute(new ForgetUserCommand((event as EventEnvelope<UserDeletedV1>).payload.email));
        } else if (event.type === THRESHOLD_ALERT_V1) {
          const { payload } = event as EventEnvelope<ThresholdAlertV1>;
          await this.commands.execute(
            new RecordAlertCommand({ id: event.id, userEmail: payload.user_email, airportCode: payload.airport_code, message: payload.message, raisedAt: event.occurredAt }),
          );
        }
      },
    });
  }
}
