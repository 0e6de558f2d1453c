import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@libs/kernel';
import { FlightsErrorCode, parseAirportCode } from '../../../domain';
import { FlightGraph } from '../../../ports';

export class RemoveInterestCommand extends Command<string> {
  constructor(
    readonly email: string,
    readonly code: unknown,
  ) {
    super();
  }
}

@CommandHandler(RemoveInterestCommand)
export class RemoveInterestHandler implements ICommandHandler<RemoveInterestCommand, string> {
  constructor(private readonly graph: FlightGraph) {}

  async execute({ email, code: raw }: RemoveInterestCommand): Promise<string> {
    const code = parseAirportCode(raw, 'code');
    if (!(await this.graph.removeInterest(email, code))) throw DomainError.notFound(FlightsErrorCode.InterestNotFound, `you have no interest in ${code}`);
    return code;
  }
}
