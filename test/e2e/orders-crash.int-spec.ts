import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { describeWithInfra, eventually } from '@libs/testing';
import { startFakeUserApi } from '../support/fake-user-api';
import { OrdersChild, ordersChildEnv, postOrder, startOrdersChild } from '../support/orders-child';
import { cleanUpOrdersKafka } from '../support/orders-kafka';
import { expectSettledOnce } from '../support/orders-invariants';

// Real servers only (an int suite, run by `npm run test:infra`): SIGKILL the process in the middle of a load run,
// restart it, and every accepted order ends APPROVED or CANCELED, settled once, with no duplicate steps.
jest.setTimeout(150_000);

describeWithInfra(['postgres', 'kafka', 'etcd', 'redis'], 'orders survive kill -9 during a load run (real Kafka + PostgreSQL)', (env) => {
  const prefix = `crash-${randomUUID().slice(0, 8)}-`;
  const user = `crash-${randomUUID()}`;
  const children: OrdersChild[] = [];

  afterAll(async () => {
    for (const c of children) c.child.kill('SIGKILL');
    await cleanUpOrdersKafka(prefix);
  });

  it('settles every order exactly once after a SIGKILL and restart', async () => {
    const api = await startFakeUserApi();
    const childEnv = ordersChildEnv(env, { prefix, userApiUrl: api.baseUrl, partitions: 2 });
    const pool = new Pool({ connectionString: env.DATABASE_URL, max: 2 });
    try {
      const first = await startOrdersChild(childEnv);
      children.push(first);
      const accepted: string[] = [];
      let killed = false;
      const load = (async () => {
        for (let i = 0; !killed && i < 2000; i++) {
          const value = i % 3 === 0 ? '20000.00' : `${(i % 90) + 1}.00`;
          const res = await postOrder(first.httpUrl, { value, user_id: user, installment: '1', method: 'cash' }).catch(() => undefined);
          if (res?.status === 201) accepted.push(String(res.body.id));
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await eventually(() => expect(accepted.length).toBeGreaterThan(150), 30_000, 50);
      first.child.kill('SIGKILL');
      killed = true;
      await first.exited;
      await load;
      const { rows: before } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM orders.orders WHERE user_id = $1 AND status = 'PROCESSING'`, [user]);
      expect(Number(before[0].n)).toBeGreaterThan(0); // the kill really interrupted sagas

      const second = await startOrdersChild(childEnv);
      children.push(second);
      await eventually(
        async () => {
          const { rows } = await pool.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM orders.orders WHERE user_id = $1 GROUP BY status`, [user]);
          const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
          expect(counts.PROCESSING ?? 0).toBe(0);
        },
        60_000,
        250,
      );
      const orders = await expectSettledOnce(pool, user);
      expect(orders.length).toBeGreaterThanOrEqual(accepted.length);
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      await pool.end();
      await api.close();
    }
  });
});
