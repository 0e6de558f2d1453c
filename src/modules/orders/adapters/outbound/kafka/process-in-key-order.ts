/**
 * Runs a partition's batch with the concurrency the saga allows: messages of one key (order id) one after another in
 * offset order, different keys side by side (at most `limit` keys at once). Handling a batch message by message would
 * make every saga step wait for the previous order's database round trips; per-key order is all the saga needs.
 *
 * When a handler throws, later messages of that key are not started (they would overtake it) and the batch reports
 * the earliest failed position: everything before it is done and may be committed, everything from it on is
 * delivered again (consumers deduplicate, so messages of other keys that did finish are harmless to repeat).
 */
export interface KeyOrderOutcome {
  /** Index in the batch of the earliest message that failed or was not started; undefined when all succeeded. */
  firstUnfinished?: number;
  error?: unknown;
}

export async function processInKeyOrder<T extends { key: string }>(messages: readonly T[], handle: (message: T) => Promise<void>, limit: number): Promise<KeyOrderOutcome> {
  const byKey = new Map<string, number[]>();
  messages.forEach((m, index) => {
    const list = byKey.get(m.key);
    if (list) list.push(index);
    else byKey.set(m.key, [index]);
  });
  const chains = [...byKey.values()];
  let firstUnfinished: number | undefined;
  let error: unknown;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chains.length) {
      const chain = chains[next++];
      for (const index of chain) {
        try {
          await handle(messages[index]);
        } catch (failure) {
          if (firstUnfinished === undefined || index < firstUnfinished) {
            firstUnfinished = index;
            error = failure;
          }
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, chains.length)) }, worker));
  return firstUnfinished === undefined ? {} : { firstUnfinished, error };
}
