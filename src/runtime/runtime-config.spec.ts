import { ConfigError } from '@libs/platform';
import { allConfigSlices, backingServices, configSlices, loadConfig, remoteFacades } from './runtime-config';
import { MODULE_REGISTRY } from './module-registry';

const keys = (slices: ReturnType<typeof configSlices>) => slices.flatMap((s) => s.keys.map((k) => k.name));

describe('runtime config', () => {
  it('registers exactly the six modules, each manifest named after its key', () => {
    expect(Object.keys(MODULE_REGISTRY)).toEqual(['identity', 'flights', 'baggage', 'detectors', 'orders', 'trains']);
    for (const [name, manifest] of Object.entries(MODULE_REGISTRY)) expect(manifest.name).toBe(name);
  });

  it('binds a facade remotely only when its owner is not booted here', () => {
    expect(remoteFacades({ modules: ['flights'], adapters: 'memory' })).toEqual(['identity']);
    expect(remoteFacades({ modules: ['identity', 'flights'], adapters: 'memory' })).toEqual([]);
    expect(remoteFacades({ modules: ['identity', 'baggage'], adapters: 'memory' })).toEqual([]);
    expect(remoteFacades({ modules: ['baggage'], adapters: 'memory' })).toEqual(['identity']);
  });

  it('needs no backing service with memory adapters, and only the booted modules’ services with real ones', () => {
    expect(backingServices({ modules: ['identity', 'trains'], adapters: 'memory' })).toEqual([]);
    expect(backingServices({ modules: ['detectors'], adapters: 'real' })).toEqual(['etcd']);
    expect(backingServices({ modules: ['identity', 'trains'], adapters: 'real' })).toEqual(['redis', 'postgres', 'etcd', 'kafka']);
  });

  it('reads only the slices of the selected profile', () => {
    const baggage = keys(configSlices({ modules: ['baggage'], adapters: 'real' }));
    expect(baggage).toEqual(expect.arrayContaining(['PORT', 'KAFKA_BROKERS', 'REDIS_URL', 'ETCD_HOSTS']));
    expect(baggage).not.toContain('DATABASE_URL');
    expect(baggage).not.toContain('NEO4J_URL');
    expect(baggage).toContain('IDENTITY_GRPC_URL'); // baggage's routes verify tokens through identity
    expect(keys(configSlices({ modules: ['identity', 'baggage'], adapters: 'real' }))).not.toContain('IDENTITY_GRPC_URL');
  });

  it('fails fast naming the missing gRPC URL of a remote facade', () => {
    expect(() => loadConfig({ modules: ['flights'], adapters: 'memory' }, {})).toThrow(/IDENTITY_GRPC_URL is required/);
    expect(loadConfig({ modules: ['flights'], adapters: 'memory' }, { IDENTITY_GRPC_URL: '127.0.0.1:50051' }).string('IDENTITY_GRPC_URL')).toBe('127.0.0.1:50051');
  });

  it('lists every problem of a real profile at once, without echoing secrets', () => {
    try {
      loadConfig({ modules: ['identity', 'flights'], adapters: 'real' }, { DATABASE_URL: 'mysql://u:hunter2@h/db', PORT: 'eighty' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toMatch(/PORT must be an integer, got "eighty"/);
      expect(message).toMatch(/DATABASE_URL must use scheme postgres or postgresql/);
      expect(message).toMatch(/REDIS_URL is required/);
      expect(message).toMatch(/KAFKA_BROKERS is required/);
      expect(message).toMatch(/NEO4J_URL is required/);
      expect(message).not.toContain('hunter2');
    }
  });

  it('declares every key once across all slices (the .env.example source)', () => {
    const names = keys(allConfigSlices());
    expect(names).toEqual(expect.arrayContaining(['MODULES', 'ADAPTERS', 'PROCESS_NAME', 'PORT', 'GRPC_PORT', 'IDENTITY_GRPC_URL']));
  });
});
