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
import { RoutedUserStatusChecker } from '../routed-user-status-checker';
import { SeedUserStatusChecker } from '../seed/seed-user-status-checker';
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

describe('SeedUserStatusChecker (the user API seed 004 shipped, embedded)', () => {
  it('answers like the original: valid unless the id contains "invalid"', async () => {
    const seed = new SeedUserStatusChecker();
    expect(await seed.isValid('user_test')).toBe(true);
    expect(await seed.isValid('uuuu-aaaa-bbbb')).toBe(true);
    expect(await seed.isValid('user_test_invalid')).toBe(false);
    expect(await seed.isValid('uuuu-aaaa-bbbb-invalid')).toBe(false);
  });
});

describe('RoutedUserStatusChecker (ORDERS_USER_STATUS=identity,<other>)', () => {
  it("asks identity about UUIDs (its ids) and the other source about every other id; identity's outage stays unavailable", async () => {
    const known = '5b0c3c8e-0d2a-4f7e-9b1a-0c9f6d2e4a11';
    let identityDown = false;
    const asked: string[] = [];
    const identity = {
      isValid: async (id: string) => {
        asked.push(`identity:${id}`);
        if (identityDown) throw DomainError.unavailable('ORDERS.IDENTITY_UNAVAILABLE', 'down');
        return id === known;
      },
    };
    const routed = new RoutedUserStatusChecker(identity, new SeedUserStatusChecker());
    expect(await routed.isValid(known)).toBe(true);
    // A UUID identity does not know is invalid, though the seed's rule would accept it (a deleted identity user).
    expect(await routed.isValid('0f0e0d0c-0b0a-4908-8706-050403020100')).toBe(false);
    expect(await routed.isValid('user_test')).toBe(true);
    expect(await routed.isValid('user_test_invalid')).toBe(false);
    expect(asked).toEqual([`identity:${known}`, 'identity:0f0e0d0c-0b0a-4908-8706-050403020100']);
    identityDown = true;
    await expect(routed.isValid(known)).rejects.toMatchObject({ category: 'unavailable' });
    expect(await routed.isValid('user_test')).toBe(true);
  });
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
