import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@libs/kernel';
import { LOGGER, PinoLogger } from '@libs/platform';
import { ORDERS_ERRORS } from '../domain/errors';
import { FeatureToggleStore } from '../ports/feature-toggle-store';

/** Every guarded route's toggle (the original's three, plus one per new route). */
export const TOGGLES = ['postOrder', 'getOrderById', 'getOrdersFromUser', 'getOrderEvents', 'getMethods', 'deleteOrdersFromUser'] as const;
export type ToggleName = (typeof TOGGLES)[number];

/**
 * The toggles as this process sees them: loaded at boot, kept current by the store's watch (changes apply without a
 * restart). Unknown or unset toggles are enabled.
 */
@Injectable()
export class FeatureToggles {
  private readonly cache = new Map<string, boolean>();
  private unwatch?: () => Promise<void>;

  constructor(
    private readonly store: FeatureToggleStore,
    @Inject(LOGGER) private readonly logger: PinoLogger,
  ) {}

  async start(): Promise<void> {
    this.unwatch = await this.store.watch((name, enabled) => {
      if (enabled === undefined) this.cache.delete(name);
      else this.cache.set(name, enabled);
      this.logger.info({ module: 'orders', toggle: name, enabled: enabled ?? true }, 'feature toggle changed');
    });
    await this.refresh();
  }

  async stop(): Promise<void> {
    await this.unwatch?.();
    this.unwatch = undefined;
  }

  async refresh(): Promise<void> {
    const all = await this.store.list();
    this.cache.clear();
    for (const [k, v] of Object.entries(all)) this.cache.set(k, v);
  }

  isEnabled(name: ToggleName): boolean {
    return this.cache.get(name) ?? true;
  }

  /** Throws ORDERS.FEATURE_DISABLED (503) when the route is switched off. */
  assertEnabled(name: ToggleName): void {
    if (!this.isEnabled(name)) throw new DomainError(ORDERS_ERRORS.FEATURE_DISABLED, 'unavailable', `${name} is disabled by a feature toggle`, { details: { toggle: name } });
  }

  list(): Record<ToggleName, boolean> {
    return Object.fromEntries(TOGGLES.map((t) => [t, this.isEnabled(t)])) as Record<ToggleName, boolean>;
  }

  async set(name: string, enabled: unknown): Promise<Record<ToggleName, boolean>> {
    if (!(TOGGLES as readonly string[]).includes(name)) {
      throw DomainError.notFound(ORDERS_ERRORS.UNKNOWN_TOGGLE, `unknown toggle ${JSON.stringify(name).slice(0, 80)}; known: ${TOGGLES.join(', ')}`);
    }
    if (typeof enabled !== 'boolean') throw DomainError.invalid(ORDERS_ERRORS.VALIDATION_FAILED, 'enabled must be true or false', { field: 'enabled' });
    await this.store.set(name, enabled);
    this.cache.set(name, enabled);
    return this.list();
  }
}
