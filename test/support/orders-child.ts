import { AppChild, startAppChild } from './app-child';

export type OrdersChild = AppChild;

/**
 * The environment of an orders child on the real servers: its own topic prefix (isolation between runs), user status
 * from the given user API (the original's HTTP adapter), `partitions` per saga topic.
 */
export function ordersChildEnv(infra: Record<string, string>, options: { prefix: string; userApiUrl: string; partitions: number }): Record<string, string> {
  return {
    DATABASE_URL: infra.DATABASE_URL,
    KAFKA_BROKERS: infra.KAFKA_BROKERS,
    ETCD_HOSTS: infra.ETCD_HOSTS,
    REDIS_URL: infra.REDIS_URL,
    ORDERS_TOPIC_PREFIX: options.prefix,
    ORDERS_USER_STATUS: 'http',
    USERAPI_BASEURL: options.userApiUrl,
    ORDERS_KAFKA_PARTITIONS: String(options.partitions),
  };
}

/** `src/main.ts --modules=orders,identity --adapters=real` in a child process (see startAppChild). */
export function startOrdersChild(env: Record<string, string>, timeoutMs = 60_000): Promise<OrdersChild> {
  return startAppChild(['--modules=orders,identity', '--adapters=real'], env, { timeoutMs });
}

export async function postOrder(httpUrl: string, fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${httpUrl}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}
