import { eventually } from '@libs/testing';
import type { FeatureToggleStore } from './feature-toggle-store';

export function featureToggleStoreContract(name: string, create: () => Promise<{ store: FeatureToggleStore; teardown?: () => Promise<void> }>): void {
  describe(`FeatureToggleStore contract: ${name}`, () => {
    it('stores toggles and reports changes to watchers', async () => {
      const { store, teardown } = await create();
      const seen: Array<[string, boolean | undefined]> = [];
      const unwatch = await store.watch((n, e) => seen.push([n, e]));
      try {
        expect(await store.list()).toEqual({});
        await store.set('postOrder', false);
        await store.set('getMethods', true);
        expect(await store.list()).toEqual({ postOrder: false, getMethods: true });
        await eventually(() => expect(seen).toEqual([['postOrder', false], ['getMethods', true]]));
      } finally {
        await unwatch();
        await teardown?.();
      }
    });
  });
}
