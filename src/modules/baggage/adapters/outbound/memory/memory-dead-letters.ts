import { DeadLetters, RejectedMessage } from '../../../ports/dead-letters';

/** Keeps dead letters in memory (ADAPTERS=memory; tests read `rejected`). */
export class MemoryDeadLetters extends DeadLetters {
  readonly rejected: RejectedMessage[] = [];

  async send(rejected: readonly RejectedMessage[]): Promise<void> {
    this.rejected.push(...rejected);
  }
}
