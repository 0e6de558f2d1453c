import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { IdentityFacade, MODULE_NAMES } from '@libs/contracts';
import { eventually } from '@libs/testing';
import { bootForTest } from '../support/boot';
import { TS_NODE_ARGS } from '../support/ts-node-args';

const ROOT = join(__dirname, '..', '..');
// Any address where nothing listens: the remote facade client must still boot (it connects lazily).
const NOBODY = '127.0.0.1:1';

describe('bootability', () => {
  it.each(MODULE_NAMES.map((m) => [m]))('boots %s alone', async (module) => {
    const junction = await bootForTest({ MODULES: module, IDENTITY_GRPC_URL: NOBODY, PROCESS_NAME: `only-${module}` });
    try {
      expect(junction.profile.modules).toEqual([module]);
      await eventually(() => request(junction.httpUrl).get('/health/ready').expect(200), 10000, 200);
      const metrics = await request(junction.httpUrl).get('/metrics').expect(200);
      expect(metrics.text).toContain(`process="only-${module}"`);
    } finally {
      await junction.close();
    }
  });

  it('boots all modules in one process', async () => {
    const junction = await bootForTest({ MODULES: 'all' });
    try {
      expect(junction.profile.modules).toEqual([...MODULE_NAMES]);
      await eventually(() => request(junction.httpUrl).get('/health/ready').expect(200), 10000, 200);
    } finally {
      await junction.close();
    }
  });

  it('binds the identity facade to the gRPC client when identity runs elsewhere, answering 503-style unavailable errors when it is down', async () => {
    const junction = await bootForTest({ MODULES: 'flights', IDENTITY_GRPC_URL: NOBODY });
    try {
      const facade = junction.app.get(IdentityFacade);
      await expect(facade.userExists('a@b.c')).rejects.toMatchObject({ category: 'unavailable', code: 'IDENTITY.UNAVAILABLE' });
    } finally {
      await junction.close();
    }
  });

  describe('the command line (src/main.ts in a child process)', () => {
    const run = (args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, [...TS_NODE_ARGS, 'src/main.ts', ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', PORT: '0', GRPC_PORT: '0', ...env },
        encoding: 'utf8',
        timeout: 30000,
      });

    it('fails at boot on an unknown module, listing the valid names', () => {
      const result = run([], { MODULES: 'nope' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('MODULES has unknown module "nope"; valid modules: identity, flights, baggage, detectors, orders, trains');
    });

    it('lets --modules override MODULES and names a missing facade URL', () => {
      const result = run(['--modules', 'orders'], { MODULES: 'identity' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('IDENTITY_GRPC_URL is required');
    });

    it('lists every invalid key at once', () => {
      const result = run([], { PORT: 'x', ADAPTERS: 'real', MODULES: 'detectors', ETCD_HOSTS: 'not a url' });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/PORT must be an integer/);
      expect(result.stderr).toMatch(/ETCD_HOSTS must be a URL/);
    });

    it('drains and exits 0 on SIGTERM', async () => {
      const child = spawn(process.execPath, [...TS_NODE_ARGS, 'src/main.ts', '--modules=baggage'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', IDENTITY_GRPC_URL: NOBODY },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => (out += String(chunk)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`did not start: ${out}`)), 30000);
        child.stdout.on('data', () => out.includes('junction started') && (clearTimeout(timer), resolve()));
      });
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(out).toContain('shutting down');
    }, 40000);
  });
});
