import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The original's user API (GET /user/{id} → {user_id, is_valid}) for tests: ids containing "invalid" are invalid. */
export interface FakeUserApi {
  baseUrl: string;
  /** While true, every call answers 503. */
  down: boolean;
  calls: number;
  close(): Promise<void>;
}

export async function startFakeUserApi(): Promise<FakeUserApi> {
  const state = { down: false, calls: 0 };
  const server: Server = createServer((req, res) => {
    state.calls++;
    const match = /^\/user\/([^/?]+)/.exec(req.url ?? '');
    if (state.down) {
      res.writeHead(503).end();
      return;
    }
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const id = decodeURIComponent(match[1]);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ user_id: id, is_valid: !id.includes('invalid') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    get calls() {
      return state.calls;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
