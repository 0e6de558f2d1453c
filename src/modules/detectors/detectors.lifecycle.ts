import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DETECTORS_SETTINGS, DetectorsSettings } from './application/detectors-settings';
import { TravelTimeWorkers } from './application/travel-time-workers';

/** Starts the travel-time workers once the app is up (when DETECTORS_WORKERS is on) and stops them on shutdown. */
@Injectable()
export class DetectorsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly workers: TravelTimeWorkers,
    @Inject(DETECTORS_SETTINGS) private readonly settings: DetectorsSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.runWorkers) this.workers.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.workers.stop();
  }
}
