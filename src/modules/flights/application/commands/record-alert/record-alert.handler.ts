import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { normaliseEmail } from '../../../domain';
import { Alert, AlertStore } from '../../../ports';

export class RecordAlertCommand extends Command<void> {
  constructor(readonly alert: Alert) {
    super();
  }
}

/** The notifier: keeps a threshold alert (once per event id) for `GET /alerts`. */
@CommandHandler(RecordAlertCommand)
export class RecordAlertHandler implements ICommandHandler<RecordAlertCommand, void> {
  constructor(private readonly alerts: AlertStore) {}

  async execute({ alert }: RecordAlertCommand): Promise<void> {
    await this.alerts.record({ ...alert, userEmail: normaliseEmail(alert.userEmail) });
  }
}
