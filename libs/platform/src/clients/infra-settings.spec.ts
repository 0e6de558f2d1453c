import { INFRA_CONFIG, readConfig } from '../config';
import { infraSettings } from './infra-settings';

const env = {
  REDIS_URL: 'redis://127.0.0.1:16379',
  DATABASE_URL: 'postgres://junction:junction@127.0.0.1:15432/junction',
  DATABASE_POOL_SIZE: '7',
  ETCD_HOSTS: 'http://127.0.0.1:12379, http://127.0.0.1:22379',
  KAFKA_BROKERS: '127.0.0.1:19092',
  NEO4J_URL: 'bolt://127.0.0.1:17687',
  NEO4J_PASSWORD: 'junction-dev',
};

describe('infra settings (config wiring)', () => {
  it('reads exactly the listed services from their INFRA_CONFIG keys, with defaults', () => {
    const config = readConfig(Object.values(INFRA_CONFIG), env);
    expect(infraSettings(['redis', 'postgres', 'etcd', 'kafka', 'neo4j'], config)).toEqual({
      redis: { url: 'redis://127.0.0.1:16379' },
      postgres: { url: 'postgres://junction:junction@127.0.0.1:15432/junction', poolSize: 7 },
      etcd: { hosts: ['http://127.0.0.1:12379', 'http://127.0.0.1:22379'] },
      kafka: { brokers: ['127.0.0.1:19092'], clientId: 'junction' },
      neo4j: { url: 'bolt://127.0.0.1:17687', user: 'neo4j', password: 'junction-dev' },
    });
    expect(Object.keys(infraSettings(['etcd', 'redis'], config)).sort()).toEqual(['etcd', 'redis']);
    expect(infraSettings([], config)).toEqual({});
  });

  it('names the key when a listed service was not part of the loaded config', () => {
    const config = readConfig([INFRA_CONFIG.redis], env);
    expect(() => infraSettings(['redis', 'neo4j'], config)).toThrow(/NEO4J_URL was not declared/);
  });
});
