import { FeatureToggleStore } from '../../../ports/feature-toggle-store';

/** Feature toggles in this process (ADAPTERS=memory). */
export class MemoryFeatureToggleStore extends FeatureToggleStore {
  private readonly values = new Map<string, boolean>();
  private readonly watchers = new Set<(name: string, enabled: boolean | undefined) => void>();

  async list(): Promise<Record<string, boolean>> {
    return Object.fromEntries(this.values);
  }

  async set(name: string, enabled: boolean): Promise<void> {
    this.values.set(name, enabled);
    for (const w of this.watchers) w(name, enabled);
  }

  async watch(onChange: (name: string, enabled: boolean | undefined) => void): Promise<() => Promise<void>> {
    this.watchers.add(onChange);
    return async () => {
      this.watchers.delete(onChange);
    };
  }
}
