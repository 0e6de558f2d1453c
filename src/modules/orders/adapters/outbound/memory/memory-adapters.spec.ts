import { DomainError } from '@libs/kernel';
import { createPolicy } from '@libs/platform';
import { IdentityFacade } from '@libs/contracts';
import { orderStoreContract } from '../../../ports/order-store.contract';
import { sagaBrokerContract } from '../../../ports/saga-broker.contract';
import { featureToggleStoreContract } from '../../../ports/feature-toggle-store.contract';
import { userStatusCheckerContract } from '../../../ports/user-status-checker.contract';
import { startFakeUserApi } from '../../../../../../test/support/fake-user-api';
import { HttpUserStatusChecker } from '../http/http-user-status-checker';
import { IdentityUserStatusChecker } from '../identity/identity-user-status-checker';
import { MemoryFeatureToggleStore } from './memory-feature-toggle-store';
import { MemoryOrderStore } from './memory-order-store';
import { MemorySagaBroker } from './memory-saga-broker';

const policy = () => createPolicy({ name: 'test', errorCode: 'ORDERS.TEST_UNAVAILABLE', timeoutMs: 300, retries: 1, breakerThreshold: 50, halfOpenAfterMs: 100, initialBackoffMs: 5 });

orderStoreContract('memory', async () => ({ store: new MemoryOrderStore() }));
sagaBrokerContract('memory', async () => ({ broker: new MemorySagaBroker() }));
featureToggleStoreContract('memory', async () => ({ store: new MemoryFeatureToggleStore() }));

userStatusCheckerContract('http (the original user API)', async () => {
  const api = await startFakeUserApi();
  return { checker: new HttpUserStatusChecker(api.baseUrl, policy()), valid: 'u-1', invalid: 'invalid-1', down: (d) => (api.down = d), teardown: () => api.close() };
});

userStatusCheckerContract('identity (IdentityFacade)', async () => {
  let isDown = false;
  const facade = {
    getUser: async (id: string) => {
      if (isDown) throw DomainError.unavailable('IDENTITY.UNAVAILABLE', 'down');
      if (id === 'not-a-uuid') throw DomainError.invalid('IDENTITY.INVALID_ARGUMENT', 'bad id');
      return id === 'known' ? { userId: id, email: 'a@b.c', firstName: '', lastName: '' } : null;
    },
  } as unknown as IdentityFacade;
  const checker = new IdentityUserStatusChecker(facade, policy());
  expect(await checker.isValid('not-a-uuid')).toBe(false);
  return { checker, valid: 'known', invalid: 'unknown', down: (d) => (isDown = d) };
});

describe('HttpUserStatusChecker', () => {
  it('times out a silent user API as unavailable', async () => {
    const { createServer } = await import('node:http');
    const server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(new HttpUserStatusChecker(`http://127.0.0.1:${port}`, policy()).isValid('x')).rejects.toMatchObject({ category: 'unavailable' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
