/** What a batch run says about one of its items. */
export type ItemResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<T, R> {
  /** Items per batch at most. */
  maxBatch: number;
  /** Batches running at once (each holds one database connection). */
  maxInFlight: number;
  /** Items sharing a key never go into one batch (the later waits for a following batch, order kept). */
  keys?: (item: T) => readonly string[];
  /** Runs a batch; one result per item, in order. Throwing fails every item of the batch. */
  run: (batch: readonly T[]) => Promise<ItemResult<R>[]>;
}

/**
 * Group commit: calls that arrive while a batch is running are queued and run together as the next batch, so a
 * burst costs one transaction instead of one per call. There is no timer: a call that finds a free slot runs at
 * once, so latency under light load is unchanged.
 */
export class GroupCommit<T, R> {
  private readonly queue: { item: T; resolve: (value: R) => void; reject: (error: unknown) => void }[] = [];
  private running = 0;

  constructor(private readonly options: GroupCommitOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.running++;
      void this.options
        .run(batch.map((b) => b.item))
        .then(
          (results) =>
            batch.forEach((b, i) => {
              const r = results[i] ?? { ok: false, error: new Error('group commit: the batch returned no result for this item') };
              if (r.ok) b.resolve(r.value);
              else b.reject(r.error);
            }),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }

  private take(): typeof this.queue {
    const batch: typeof this.queue = [];
    const taken = new Set<string>();
    for (let i = 0; i < this.queue.length && batch.length < this.options.maxBatch; ) {
      const keys = this.options.keys?.(this.queue[i].item) ?? [];
      if (keys.some((k) => taken.has(k))) {
        i++;
        continue;
      }
      for (const k of keys) taken.add(k);
      batch.push(...this.queue.splice(i, 1));
    }
    return batch;
  }
}
