import type { Etcd3 } from 'etcd3';
import { tryWithLock } from '@libs/platform';
import { CollectionLock } from '../../../ports';

const LOCK_KEY = 'flights/collection-cycle';

/** One collection cycle at a time across all replicas (scheduled or forced), via an etcd lock on a lease. */
export class EtcdCollectionLock extends CollectionLock {
  constructor(
    private readonly etcd: Etcd3,
    private readonly ttlSeconds = 30,
  ) {
    super();
  }

  tryRun<T>(fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
    return tryWithLock(this.etcd, LOCK_KEY, this.ttlSeconds, () => fn());
  }
}
