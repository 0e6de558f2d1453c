import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FlightsErrorCode, Interest, invalid, parseInterest } from '../../../domain';
import { FlightGraph } from '../../../ports';

const MAX_ITEMS = 100;

export class SaveInterestsCommand extends Command<Interest[]> {
  constructor(
    readonly email: string,
    readonly interests: unknown,
  ) {
    super();
  }
}

/** `POST /interests`: at least one item, every item valid (all-or-nothing), then MERGE into the graph. */
@CommandHandler(SaveInterestsCommand)
export class SaveInterestsHandler implements ICommandHandler<SaveInterestsCommand, Interest[]> {
  constructor(private readonly graph: FlightGraph) {}

  async execute({ email, interests }: SaveInterestsCommand): Promise<Interest[]> {
    if (!Array.isArray(interests) || interests.length === 0 || interests.length > MAX_ITEMS) {
      throw invalid(FlightsErrorCode.InvalidRequest, `interests must be an array of 1 to ${MAX_ITEMS} items`, { field: 'interests' });
    }
    const parsed = interests.map((item, index) => parseInterest(item, index));
    // The last item for a code wins, as it would with sequential requests.
    const byCode = new Map(parsed.map((i) => [i.airportCode, i]));
    await this.graph.saveInterests(email, [...byCode.values()]);
    return [...byCode.values()];
  }
}
