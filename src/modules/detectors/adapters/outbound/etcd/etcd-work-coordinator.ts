import type { Etcd3, Lease } from 'etcd3';
import { tryWithLock } from '@libs/platform';
import { storeUnavailable } from '../../../domain';
import type { OwnedWork } from '../../../ports';
import { WorkCoordinator } from '../../../ports';

export interface EtcdWorkCoordinatorOptions {
  /** Key prefix without slashes (the module's etcd prefix). */
  prefix: string;
  /** Lease TTL of presence keys and ownership locks: how long a dead worker blocks its destinations. */
  ttlSeconds: number;
}

/**
 * Presence: `/<prefix>/workers/<id>` on a kept-alive lease. Ownership: the platform's etcd lock (withLock) on
 * `detectors/<prefix>/dest/<dest_detector_id>`; a dead owner's lease expires after `ttlSeconds` and another worker
 * takes the destination over.
 */
export class EtcdWorkCoordinator extends WorkCoordinator {
  constructor(
    private readonly etcd: Etcd3,
    private readonly options: EtcdWorkCoordinatorOptions,
  ) {
    super();
  }

  async join(workerId: string): Promise<() => Promise<void>> {
    const key = `/${this.options.prefix}/workers/${workerId}`;
    let lease: Lease | undefined;
    let left = false;
    const register = async (): Promise<void> => {
      if (left) return;
      const current = this.etcd.lease(this.options.ttlSeconds);
      lease = current;
      // A lost lease (etcd unreachable for longer than the TTL) is re-created once etcd answers again.
      current.on('lost', () => {
        if (!left) setTimeout(() => void register().catch(() => undefined), 1000).unref();
      });
      await current.put(key).value(workerId).exec();
    };
    try {
      await register();
    } catch (error) {
      throw storeUnavailable(error);
    }
    return async () => {
      left = true;
      await lease?.revoke().catch(() => undefined);
    };
  }

  async liveWorkers(): Promise<string[]> {
    try {
      const prefix = `/${this.options.prefix}/workers/`;
      return (await this.etcd.getAll().prefix(prefix).keys()).map((k) => k.slice(prefix.length)).sort();
    } catch (error) {
      throw storeUnavailable(error);
    }
  }

  async tryOwn(key: string, work: OwnedWork): Promise<boolean> {
    let markStarted: () => void = () => undefined;
    const started = new Promise<true>((resolve) => (markStarted = () => resolve(true)));
    const attempt = tryWithLock(this.etcd, `detectors/${this.options.prefix}/dest/${key}`, this.options.ttlSeconds, async (signal) => {
      markStarted();
      await work(signal);
    });
    const outcome = await Promise.race([started, attempt.then((r) => r.acquired, () => false)]);
    void attempt.catch(() => undefined);
    return outcome;
  }
}
