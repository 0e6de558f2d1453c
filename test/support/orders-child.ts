import { AppChild, startAppChild } from './app-child';

export type OrdersChild = AppChild;

/** `src/main.ts --modules=orders,identity --adapters=real` in a child process (see startAppChild). */
export function startOrdersChild(env: Record<string, string>, timeoutMs = 60_000): Promise<OrdersChild> {
  return startAppChild(['--modules=orders,identity', '--adapters=real'], env, { timeoutMs });
}

export async function postOrder(httpUrl: string, fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${httpUrl}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}
