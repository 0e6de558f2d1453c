import { randomUUID } from 'node:crypto';
import { EtcdClient } from '@libs/platform';
import { describeWithInfra } from '@libs/testing';
import { detectorRepositoryContract } from '../../../ports/detector-repository.contract';
import { EtcdDetectorRepository } from './etcd-detector-repository';

describeWithInfra(['etcd'], 'EtcdDetectorRepository against a real etcd', (env) => {
  const prefix = `it-det-${randomUUID().slice(0, 8)}`;
  let etcd: EtcdClient;

  beforeAll(() => {
    etcd = new EtcdClient({ hosts: env.ETCD_HOSTS.split(',') });
  });

  afterAll(async () => {
    await etcd.delete().prefix(`/${prefix}/`).exec();
    await etcd.dispose();
  });

  detectorRepositoryContract('etcd', async () => new EtcdDetectorRepository(etcd, { prefix, retentionSeconds: 600 }));

  it('uses the original key schema: /<prefix>/detectors/<id>/<bucket>/<ULID>.<device> → base64 JSON with Timestamp in ns, on a lease', async () => {
    const repo = new EtcdDetectorRepository(etcd, { prefix, retentionSeconds: 600 });
    const timeNs = 1_767_225_657_123_456_789n;
    await repo.appendDetections([{ detectorId: 'schema', deviceId: 'abcd', deviceType: 'mobile', timeNs }]);
    const { kvs } = await etcd.getAll().prefix(`/${prefix}/detectors/schema/`).exec();
    expect(kvs).toHaveLength(1);
    expect(kvs[0].key.toString()).toMatch(new RegExp(`^/${prefix}/detectors/schema/1767225600/[0-9A-HJKMNP-TV-Z]{26}\\.abcd$`));
    expect(Buffer.from(kvs[0].value.toString(), 'base64').toString()).toBe('{"Timestamp":1767225657123456789,"Device":"mobile"}');
    expect(String(kvs[0].lease)).not.toBe('0');
    await repo.putLinks([{ destDetectorId: 'd', srcDetectorId: 's', maxSeconds: 600 }]);
    expect(await etcd.get(`/${prefix}/links/d/s`).string()).toBe('{"max_seconds":600}');
  });

  it('reads events written by the original server ({"timestamp": "<ns>"}, no device type)', async () => {
    const repo = new EtcdDetectorRepository(etcd, { prefix, retentionSeconds: 600 });
    await etcd.put(`/${prefix}/detectors/legacy/1563568100/01DG4Z0000ABCDEFGHJKMNPQRS.dev1`).value('{"timestamp": "1563568123000000001"}');
    expect(await repo.findDetections('legacy', {}, 0)).toEqual([{ detectorId: 'legacy', deviceId: 'dev1', deviceType: 'unknown', timeNs: 1_563_568_123_000_000_001n }]);
  });
});
