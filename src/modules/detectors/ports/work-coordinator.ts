/** Work that runs while ownership lasts; `signal` aborts when ownership is lost or released. */
export type OwnedWork = (signal: AbortSignal) => Promise<void>;

/**
 * Splits units of work (destination detectors) between worker replicas: presence of live workers, and exclusive
 * ownership of a key that a dead owner loses when its lease expires. With memory adapters it coordinates the workers
 * of one process.
 */
export abstract class WorkCoordinator {
  /** Announces a live worker until the returned function is called (or the worker dies and its lease expires). */
  abstract join(workerId: string): Promise<() => Promise<void>>;
  /** Ids of the live workers (at least this one once joined). */
  abstract liveWorkers(): Promise<string[]>;
  /**
   * One attempt to own `key`: false when someone else owns it; true when owned, `work` then runs in the background
   * until it returns, or ownership is lost (its signal aborts). Ownership ends when `work` returns.
   */
  abstract tryOwn(key: string, work: OwnedWork): Promise<boolean>;
}
