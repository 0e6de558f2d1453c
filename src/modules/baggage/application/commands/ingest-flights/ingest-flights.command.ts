import type { RawMessage } from '../../raw-message';

/** Stores one consumed batch of the `flights` topic (malformed messages go to `flights.dlq`). */
export class IngestFlightsCommand {
  constructor(
    readonly topic: string,
    readonly messages: readonly RawMessage[],
  ) {}
}
