import { ConfigError } from '@libs/platform';
import { flagsFromArgv, parseModules, parseProfile } from './runtime-profile';

describe('runtime profile', () => {
  it('expands "all" to the six modules in registry order', () => {
    expect(parseModules('all')).toEqual(['identity', 'flights', 'baggage', 'detectors', 'orders', 'trains']);
    expect(parseModules(undefined)).toHaveLength(6);
  });

  it('accepts a list in any order, case and spacing, and returns registry order without duplicates', () => {
    expect(parseModules(' Trains, identity ,trains')).toEqual(['identity', 'trains']);
  });

  it('rejects unknown names with a message listing the valid ones', () => {
    expect(() => parseModules('identity,nope')).toThrow(ConfigError);
    expect(() => parseModules('nope')).toThrow(/unknown module "nope"; valid modules: identity, flights, baggage, detectors, orders, trains/);
  });

  it('rejects an empty list and "all" mixed with names', () => {
    expect(() => parseModules(' , ')).toThrow(/MODULES is empty/);
    expect(() => parseModules('all,identity')).toThrow(/cannot be combined/);
  });

  it('validates ADAPTERS and reports every problem at once', () => {
    expect(parseProfile({ ADAPTERS: 'real', MODULES: 'orders' })).toEqual({ adapters: 'real', modules: ['orders'] });
    expect(parseProfile({})).toEqual({ adapters: 'memory', modules: expect.arrayContaining(['identity']) });
    try {
      parseProfile({ ADAPTERS: 'docker', MODULES: 'x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
      expect((error as ConfigError).message).toMatch(/ADAPTERS must be memory or real; got "docker"/);
    }
  });

  it('reads --modules/--adapters flags in both spellings; flags win over env when merged', () => {
    expect(flagsFromArgv(['--modules=identity,orders', '--adapters', 'real', '--other'])).toEqual({ MODULES: 'identity,orders', ADAPTERS: 'real' });
    expect(flagsFromArgv(['--process-name', 'edge'])).toEqual({ PROCESS_NAME: 'edge' });
  });
});
