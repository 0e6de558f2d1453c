/** Keeps collection cycles from overlapping, in this process and (etcd) across replicas. */
export abstract class CollectionLock {
  /** Runs `fn` holding the lock, or returns `{ acquired: false }` at once when someone else holds it. */
  abstract tryRun<T>(fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
}
