import { readConfig } from '@libs/platform';
import { ORDERS_CONFIG, readOrdersSettings } from './orders.config';

describe('orders config: ORDERS_USER_STATUS', () => {
  const read = (env: Record<string, string>) => readOrdersSettings(readConfig([ORDERS_CONFIG], env));
  const problem = (env: Record<string, string>): string => {
    try {
      read(env);
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  };

  it("defaults to identity for identity's ids and the seed's embedded user API for every other id", () => {
    expect(read({}).userStatus).toEqual(['identity', 'seed']);
  });

  it('takes one source, or identity then http|seed', () => {
    expect(read({ ORDERS_USER_STATUS: 'identity' }).userStatus).toEqual(['identity']);
    expect(read({ ORDERS_USER_STATUS: 'seed' }).userStatus).toEqual(['seed']);
    expect(read({ ORDERS_USER_STATUS: 'http', USERAPI_BASEURL: 'http://127.0.0.1:8080/' }).userStatus).toEqual(['http']);
    expect(read({ ORDERS_USER_STATUS: 'identity,http', USERAPI_BASEURL: 'http://127.0.0.1:8080/' }).userStatus).toEqual(['identity', 'http']);
  });

  it('refuses other combinations, unknown sources and http without USERAPI_BASEURL', () => {
    expect(problem({ ORDERS_USER_STATUS: 'seed,identity' })).toContain('ORDERS_USER_STATUS must be one of');
    expect(problem({ ORDERS_USER_STATUS: 'identity,identity' })).toContain('ORDERS_USER_STATUS must be one of');
    expect(problem({ ORDERS_USER_STATUS: 'identity,http,seed', USERAPI_BASEURL: 'http://127.0.0.1:8080/' })).toContain('ORDERS_USER_STATUS must be one of');
    expect(problem({ ORDERS_USER_STATUS: 'ldap' })).toContain('ORDERS_USER_STATUS');
    expect(problem({ ORDERS_USER_STATUS: 'identity,http' })).toContain('USERAPI_BASEURL is required');
  });
});
