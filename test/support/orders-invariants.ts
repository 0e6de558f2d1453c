import type { Pool } from 'pg';

/**
 * The saga's invariant after a fault, for one user's orders: each settled by its value (above the balance limit
 * CANCELED, otherwise APPROVED), no saga step logged twice, and both validators' results logged once per order.
 * Returns the orders found.
 */
export async function expectSettledOnce(pool: Pool, user: string): Promise<Array<{ id: string; status: string }>> {
  const { rows: orders } = await pool.query<{ id: string; status: string; value_cents: string }>(`SELECT id, status, value_cents FROM orders.orders WHERE user_id = $1`, [user]);
  for (const o of orders) expect(o.status).toBe(Number(o.value_cents) > 1_000_000 ? 'CANCELED' : 'APPROVED');
  const { rows: dupes } = await pool.query(
    `SELECT e.order_id, e.event, count(*) FROM orders.order_events e JOIN orders.orders o ON o.id = e.order_id WHERE o.user_id = $1 GROUP BY 1, 2 HAVING count(*) > 1`,
    [user],
  );
  expect(dupes).toEqual([]);
  const { rows: results } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM orders.order_events e JOIN orders.orders o ON o.id = e.order_id WHERE o.user_id = $1 AND e.event LIKE 'result_validate_%'`,
    [user],
  );
  expect(Number(results[0].n)).toBe(orders.length * 2);
  return orders;
}
