import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { normaliseEmail } from '../../../domain';
import { AlertStore, FlightGraph } from '../../../ports';

export class ForgetUserCommand extends Command<number> {
  constructor(readonly email: string) {
    super();
  }
}

/** A user deleted in identity: their interests and alerts leave the graph. Idempotent (events are at least once). */
@CommandHandler(ForgetUserCommand)
export class ForgetUserHandler implements ICommandHandler<ForgetUserCommand, number> {
  constructor(
    private readonly graph: FlightGraph,
    private readonly alerts: AlertStore,
  ) {}

  async execute({ email }: ForgetUserCommand): Promise<number> {
    const normalised = normaliseEmail(email);
    const removed = await this.graph.removeUser(normalised);
    await this.alerts.removeUser(normalised);
    return removed;
  }
}
