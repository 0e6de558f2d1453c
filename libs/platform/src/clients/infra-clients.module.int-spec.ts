import { describeWithInfra } from '@libs/testing';
import { bootInfraClients } from './infra-clients.fixture';
import { EtcdClient } from './etcd.client';
import { Neo4jClient } from './neo4j.client';
import { PostgresClient } from './postgres.client';
import { RedisClient } from './redis.client';

describeWithInfra(['redis', 'postgres', 'etcd', 'neo4j'], 'InfraClientsModule against the real servers', (env) => {
  it('provides all four clients and reports each one up, then closes them', async () => {
    const booted = await bootInfraClients(['redis', 'postgres', 'etcd', 'neo4j'], env);
    try {
      expect(booted.registry.names().sort()).toEqual(['etcd', 'neo4j', 'postgres', 'redis']);
      await booted.module.get(RedisClient).ping(); // the first check may race Redis's handshake
      const checks = await booted.registry.run();
      for (const name of ['redis', 'postgres', 'etcd', 'neo4j']) expect(checks[name]).toMatchObject({ status: 'up' });
      expect(booted.module.get(PostgresClient)).toBeInstanceOf(PostgresClient);
      expect(booted.module.get(EtcdClient)).toBeInstanceOf(EtcdClient);
      expect(booted.module.get(Neo4jClient)).toBeInstanceOf(Neo4jClient);
    } finally {
      await booted.close();
    }
    expect(booted.module.get(RedisClient).status).toBe('end');
    await expect(booted.module.get(PostgresClient).healthCheck()).rejects.toThrow();
  }, 20_000);

  it('reports redis down (the others up) with a bogus REDIS_URL port, in bounded time, without crashing', async () => {
    const started = Date.now();
    const booted = await bootInfraClients(['redis', 'postgres', 'etcd', 'neo4j'], { ...env, REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      expect(Date.now() - started).toBeLessThan(3000);
      const checks = await booted.registry.run();
      expect(Date.now() - started).toBeLessThan(6000);
      expect(checks.redis).toMatchObject({ status: 'down', error: expect.stringContaining('127.0.0.1:1') });
      for (const name of ['postgres', 'etcd', 'neo4j']) expect(checks[name]).toMatchObject({ status: 'up' });
    } finally {
      await booted.close();
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);
});

describeWithInfra(['kafka'], 'InfraClientsModule: the Kafka readiness check', (env) => {
  it('reports kafka up with a real broker and down with a bogus one', async () => {
    const up = await bootInfraClients(['kafka'], env);
    try {
      await expect(up.registry.run()).resolves.toMatchObject({ kafka: { status: 'up' } });
    } finally {
      await up.close();
    }
    const down = await bootInfraClients(['kafka'], { ...env, KAFKA_BROKERS: '127.0.0.1:1' });
    try {
      await expect(down.registry.run()).resolves.toMatchObject({ kafka: { status: 'down' } });
    } finally {
      await down.close();
    }
  }, 20_000);
});
