import type { RawMessage } from '../../raw-message';

/** Stores one consumed batch of the `bags` topic (malformed messages go to `bags.dlq`). */
export class IngestBagsCommand {
  constructor(
    readonly topic: string,
    readonly messages: readonly RawMessage[],
  ) {}
}
