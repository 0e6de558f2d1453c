import { randomUUID } from 'node:crypto';
import { describeWithInfra, eventually } from '@libs/testing';
import { Leadership, LockUnavailableError, runWhileLeader, tryWithLock, withLock } from './etcd-coordination';
import { EtcdClient } from './etcd.client';

describeWithInfra(['etcd'], 'etcd client, elections and locks against a real etcd', (env) => {
  const run = randomUUID();
  let etcd: EtcdClient;

  beforeAll(() => {
    etcd = new EtcdClient({ hosts: env.ETCD_HOSTS.split(',') });
  });

  afterAll(async () => {
    await etcd.delete().prefix(`election/it-${run}`).exec();
    await etcd.delete().prefix(`junction/locks/it-${run}`).exec();
    await etcd.dispose();
  });

  it('answers its health check and reads what it wrote', async () => {
    await expect(etcd.healthCheck()).resolves.toBeUndefined();
    await etcd.put(`junction/locks/it-${run}/probe`).value('x');
    await expect(etcd.get(`junction/locks/it-${run}/probe`).string()).resolves.toBe('x');
  });

  describe('runWhileLeader', () => {
    const election = `it-${run}-election`;
    const running = new Set<string>();
    const aborted: string[] = [];
    const leaderships = new Map<string, Leadership>();

    /** A job that records while it runs and stops when its signal aborts. */
    const candidate = (id: string): Leadership =>
      runWhileLeader(
        etcd,
        election,
        id,
        (signal) =>
          new Promise<void>((resolve) => {
            running.add(id);
            signal.addEventListener('abort', () => {
              running.delete(id);
              aborted.push(id);
              resolve();
            });
          }),
        { ttlSeconds: 2, retryDelayMs: 100 },
      );

    afterAll(async () => {
      await Promise.all([...leaderships.values()].map((l) => l.stop()));
    });

    const leaderKey = async (): Promise<{ key: string; lease: string; value: string }> => {
      const { kvs } = await etcd.getAll().prefix(`election/${election}/`).sort('Create', 'Ascend').exec();
      return { key: kvs[0].key.toString(), lease: String(kvs[0].lease), value: kvs[0].value.toString() };
    };

    it('elects exactly one of two candidates', async () => {
      leaderships.set('a', candidate('a'));
      await eventually(() => expect([...running]).toEqual(['a']));
      leaderships.set('b', candidate('b'));
      // b campaigns but waits behind a; a keeps running alone.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect([...running]).toEqual(['a']);
      expect(leaderships.get('a')?.isLeader).toBe(true);
      expect(leaderships.get('b')?.isLeader).toBe(false);
      await expect(etcd.election(election).leader()).resolves.toBe('a');
    });

    it('hands over when the leader stops (resigns)', async () => {
      await leaderships.get('a')?.stop();
      leaderships.delete('a');
      expect(aborted).toContain('a');
      await eventually(() => expect([...running]).toEqual(['b']));
      expect(leaderships.get('b')?.isLeader).toBe(true);
    });

    it('hands over when the leader loses its lease (revoked, as when a replica dies), and the old leader stops', async () => {
      leaderships.set('c', candidate('c'));
      await eventually(async () => expect((await etcd.getAll().prefix(`election/${election}/`).keys()).length).toBe(2));
      const leader = await leaderKey();
      expect(leader.value).toBe('b');
      aborted.length = 0;
      await etcd.revokeLease(leader.lease);
      await eventually(() => expect([...running]).toEqual(['c']));
      expect(aborted).toEqual(['b']);
      // b campaigns again and queues behind c.
      await eventually(async () => expect(Object.values(await etcd.getAll().prefix(`election/${election}/`).strings()).sort()).toEqual(['b', 'c']));
      expect(leaderships.get('b')?.isLeader).toBe(false);
    });

    it('hands over when the leader key is deleted', async () => {
      const leader = await leaderKey();
      expect(leader.value).toBe('c');
      aborted.length = 0;
      await etcd.delete().key(leader.key).exec();
      await eventually(() => expect([...running]).toEqual(['b']));
      expect(aborted).toEqual(['c']);
    });

    it('also drives start/stop callbacks', async () => {
      const events: string[] = [];
      const solo = runWhileLeader(etcd, `${election}-callbacks`, 'solo', { start: () => void events.push('start'), stop: () => void events.push('stop') }, { ttlSeconds: 2 });
      await eventually(() => expect(events).toEqual(['start']));
      await solo.stop();
      expect(events).toEqual(['start', 'stop']);
    });
  });

  describe('withLock', () => {
    it('never lets two holders in at once', async () => {
      const key = `it-${run}/mutex`;
      let inside = 0;
      let maxInside = 0;
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          withLock(etcd, key, 2, async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await new Promise((resolve) => setTimeout(resolve, 50));
            order.push(i);
            inside--;
          }, { waitMs: 10_000, retryDelayMs: 20 }),
        ),
      );
      expect(maxInside).toBe(1);
      expect(order.sort()).toEqual([0, 1, 2, 3, 4]);
      // Released: nothing left behind.
      await expect(etcd.get(`junction/locks/${key}`).string()).resolves.toBeNull();
    });

    it('reports a busy lock (tryWithLock skips, withLock gives up after waitMs) and releases after a throw', async () => {
      const key = `it-${run}/busy`;
      let release: () => void = () => undefined;
      const holding = withLock(etcd, key, 2, () => new Promise<void>((resolve) => (release = resolve)));
      await eventually(async () => expect(await etcd.get(`junction/locks/${key}`).string()).not.toBeNull());
      await expect(tryWithLock(etcd, key, 2, async () => 'ran')).resolves.toEqual({ acquired: false });
      await expect(withLock(etcd, key, 2, async () => 'ran', { waitMs: 200, retryDelayMs: 20 })).rejects.toBeInstanceOf(LockUnavailableError);
      release();
      await holding;
      await expect(withLock(etcd, key, 2, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
      await expect(tryWithLock(etcd, key, 2, async () => 'ran')).resolves.toEqual({ acquired: true, value: 'ran' });
    });

    it('aborts the holder when its lease is revoked', async () => {
      const key = `it-${run}/revoked`;
      const result = withLock(etcd, key, 2, (signal) => new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve(String((signal.reason as Error)?.message)))));
      const held = await eventually(async () => {
        const { kvs } = await etcd.getAll().prefix(`junction/locks/${key}`).exec();
        expect(kvs).toHaveLength(1);
        return String(kvs[0].lease);
      });
      await etcd.revokeLease(held);
      await expect(result).resolves.toMatch(/etcd lock junction\/locks\/it-.*\/revoked (lost|was deleted)/);
    });
  });
});
