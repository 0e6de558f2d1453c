import { eventually } from '@libs/testing';
import { EtcdClient } from './etcd.client';
import { bootInfraClients } from './infra-clients.fixture';
import { KafkaHealthCheck } from './kafka-health';
import { Neo4jClient } from './neo4j.client';
import { PostgresClient } from './postgres.client';
import { RedisClient } from './redis.client';

// Port 1 on loopback refuses connections: every service is "down" without any server installed.
const unreachable = {
  REDIS_URL: 'redis://127.0.0.1:1',
  DATABASE_URL: 'postgres://junction:s3cret-pw@127.0.0.1:1/junction',
  ETCD_HOSTS: 'http://127.0.0.1:1',
  KAFKA_BROKERS: '127.0.0.1:1',
  NEO4J_URL: 'bolt://127.0.0.1:1',
  NEO4J_PASSWORD: 's3cret-pw',
};

describe('InfraClientsModule without servers', () => {
  it('provides nothing and registers no check when no service is listed', async () => {
    const booted = await bootInfraClients([], {});
    expect(booted.registry.names()).toEqual([]);
    expect(() => booted.module.get(RedisClient)).toThrow();
    await booted.close();
  });

  it('boots with every server unreachable, reports each one down within the check timeout, and closes promptly', async () => {
    const started = Date.now();
    const booted = await bootInfraClients(['redis', 'postgres', 'etcd', 'kafka', 'neo4j'], unreachable);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(booted.registry.names().sort()).toEqual(['etcd', 'kafka', 'neo4j', 'postgres', 'redis']);
    expect(booted.module.get(RedisClient)).toBeInstanceOf(RedisClient);
    expect(booted.module.get(PostgresClient)).toBeInstanceOf(PostgresClient);
    expect(booted.module.get(EtcdClient)).toBeInstanceOf(EtcdClient);
    expect(booted.module.get(Neo4jClient)).toBeInstanceOf(Neo4jClient);
    expect(booted.module.get(KafkaHealthCheck)).toBeInstanceOf(KafkaHealthCheck);

    const checkStarted = Date.now();
    const checks = await booted.registry.run();
    expect(Date.now() - checkStarted).toBeLessThan(3000);
    for (const name of ['redis', 'postgres', 'etcd', 'kafka', 'neo4j']) {
      expect(checks[name]).toMatchObject({ status: 'down', error: expect.any(String) });
      expect(checks[name].error).not.toContain('s3cret-pw');
    }

    // The boot probe logs each unreachable service once, by host, without secrets.
    await eventually(() => expect(booted.logs().filter((l) => l.msg?.toString().startsWith('backing service not reachable'))).toHaveLength(5), 6000, 100);
    expect(JSON.stringify(booted.logs())).not.toContain('s3cret-pw');
    expect(booted.logs()).toContainEqual(expect.objectContaining({ service: 'postgres', target: '127.0.0.1:1/junction' }));

    const closing = Date.now();
    await booted.close();
    expect(Date.now() - closing).toBeLessThan(3000);
  }, 15_000);
});
