/** A stream message that could not be stored, with why. */
export interface RejectedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  reason: string;
}

/** Dead-letter topics `<topic>.dlq`. Resolves once durably written (before the source offset is committed). */
export abstract class DeadLetters {
  abstract send(rejected: readonly RejectedMessage[]): Promise<void>;
}
