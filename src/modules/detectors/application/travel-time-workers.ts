import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LOGGER, PinoLogger } from '@libs/platform';
import { WorkCoordinator } from '../ports';
import { DetectorRepository } from '../ports';
import { ComputeTravelTimesHandler } from './commands/compute-travel-times/compute-travel-times.handler';
import { DETECTORS_SETTINGS, DetectorsSettings } from './detectors-settings';
import { DetectorsMetrics } from './metrics';

/**
 * Travel-time workers: each destination detector is owned by one worker at a time (an etcd lock on its id with
 * ADAPTERS=real). Every interval a worker lists the destinations and the live workers, keeps at most its fair share
 * (⌈destinations / workers⌉), releases the surplus (so a newcomer gets work) and tries to own unowned destinations.
 * While it owns one, it recomputes that destination's travel times every interval. A dead worker's locks expire
 * after the lease TTL and the survivors take its destinations over.
 */
@Injectable()
export class TravelTimeWorkers {
  readonly workerId = `worker-${randomUUID().slice(0, 8)}`;
  private readonly owned = new Map<string, AbortController>();
  private stopping?: AbortController;
  private loop?: Promise<void>;
  private leave?: () => Promise<void>;

  constructor(
    private readonly coordinator: WorkCoordinator,
    private readonly repository: DetectorRepository,
    private readonly compute: ComputeTravelTimesHandler,
    @Inject(DETECTORS_SETTINGS) private readonly settings: DetectorsSettings,
    private readonly metrics: DetectorsMetrics,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  /** Destinations this worker owns right now. */
  ownedDestinations(): string[] {
    return [...this.owned.keys()].sort();
  }

  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.loop = (async () => {
      while (!stopping.signal.aborted) {
        try {
          this.leave ??= await this.coordinator.join(this.workerId);
          await this.rebalance();
        } catch (error) {
          this.logger.warn({ worker: this.workerId, error: (error as Error).message }, 'travel-time workers: rebalance failed; retrying');
        }
        await sleep(this.settings.workerIntervalMs, stopping.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
    for (const held of this.owned.values()) held.abort();
    this.owned.clear();
    this.metrics.ownedDestinations.set(0);
    await this.leave?.().catch(() => undefined);
    this.leave = undefined;
  }

  private async rebalance(): Promise<void> {
    const destinations = [...new Set((await this.repository.listLinks()).map((l) => l.destDetectorId))];
    const workers = Math.max(1, (await this.coordinator.liveWorkers()).length);
    const fairShare = Math.ceil(destinations.length / workers);
    const known = new Set(destinations);
    for (const [dest, held] of this.owned) {
      if (!known.has(dest)) held.abort();
    }
    for (const dest of [...this.owned.keys()].slice(fairShare)) this.owned.get(dest)?.abort();
    for (const dest of shuffle(destinations.filter((d) => !this.owned.has(d)))) {
      if (this.owned.size >= fairShare || this.stopping?.signal.aborted) break;
      const held = new AbortController();
      const acquired = await this.coordinator.tryOwn(dest, (lockSignal) => this.own(dest, held, lockSignal));
      if (acquired && !held.signal.aborted) this.owned.set(dest, held);
    }
    this.metrics.ownedDestinations.set(this.owned.size);
  }

  private async own(dest: string, held: AbortController, lockSignal: AbortSignal): Promise<void> {
    const onLost = (): void => held.abort();
    lockSignal.addEventListener('abort', onLost, { once: true });
    this.logger.info({ worker: this.workerId, dest }, 'travel-time worker owns destination');
    try {
      while (!held.signal.aborted) {
        try {
          await this.compute.execute(dest);
        } catch (error) {
          this.logger.warn({ worker: this.workerId, dest, error: (error as Error).message }, 'travel-time computation failed');
        }
        await sleep(this.settings.workerIntervalMs, held.signal);
      }
    } finally {
      lockSignal.removeEventListener('abort', onLost);
      if (this.owned.get(dest) === held) this.owned.delete(dest);
      this.logger.info({ worker: this.workerId, dest }, 'travel-time worker released destination');
    }
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
