import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type InfraService = 'redis' | 'postgres' | 'etcd' | 'kafka' | 'neo4j';
export const INFRA_SERVICES: readonly InfraService[] = ['redis', 'postgres', 'etcd', 'kafka', 'neo4j'];

/** Connection settings: the environment first, then `.infra/env` written by `npm run infra:up`. */
export function infraEnv(): Record<string, string> {
  const fromFile: Record<string, string> = {};
  const file = join(__dirname, '..', '..', '..', '.infra', 'env');
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
      if (match) fromFile[match[1]] = match[2].trim();
    }
  }
  const merged: Record<string, string> = { ...fromFile };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k in fromFile) merged[k] = v;
  return merged;
}

/** The services `REQUIRE_INFRA` names: missing ones fail their suites instead of skipping them. */
export function requiredInfra(): Set<InfraService> {
  const raw = process.env.REQUIRE_INFRA ?? '';
  const names = raw === 'all' ? [...INFRA_SERVICES] : raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(INFRA_SERVICES as readonly string[]).includes(n)) throw new Error(`REQUIRE_INFRA has unknown service ${n}; valid: ${INFRA_SERVICES.join(', ')}, all`);
  }
  return new Set(names as InfraService[]);
}

function endpoint(service: InfraService, env: Record<string, string>): { host: string; port: number } | undefined {
  const raw = {
    redis: env.REDIS_URL,
    postgres: env.DATABASE_URL,
    etcd: env.ETCD_HOSTS?.split(',')[0],
    kafka: env.KAFKA_BROKERS ? `kafka://${env.KAFKA_BROKERS.split(',')[0]}` : undefined,
    neo4j: env.NEO4J_URL,
  }[service];
  if (!raw) return undefined;
  const url = new URL(raw);
  return { host: url.hostname, port: Number(url.port) };
}

/** Synchronous TCP probe (Jest's describe is synchronous, so the decision must be too). */
export function isReachable(service: InfraService, env = infraEnv()): boolean {
  const target = endpoint(service, env);
  if (!target) return false;
  const probe = `const s=require('net').connect(${target.port},${JSON.stringify(target.host)});s.setTimeout(1500);s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));s.on('timeout',()=>process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

/**
 * `describe` for suites that need real servers. A missing server skips the suite loudly, or, when
 * REQUIRE_INFRA names it (CI does), fails it with a message saying how to start it.
 */
export function describeWithInfra(services: readonly InfraService[], name: string, body: (env: Record<string, string>) => void): void {
  const env = infraEnv();
  const missing = services.filter((s) => !isReachable(s, env));
  if (missing.length === 0) {
    describe(name, () => body(env));
    return;
  }
  const required = requiredInfra();
  const requiredMissing = missing.filter((s) => required.has(s));
  if (requiredMissing.length > 0) {
    describe(name, () => {
      it(`needs ${requiredMissing.join(', ')}`, () => {
        throw new Error(`REQUIRE_INFRA names ${requiredMissing.join(', ')} but ${requiredMissing.length > 1 ? 'they are' : 'it is'} not reachable; run \`npm run infra:up\``);
      });
    });
    return;
  }
  process.stderr.write(`[infra] skipping "${name}": ${missing.join(', ')} not reachable (npm run infra:up; set REQUIRE_INFRA to fail instead)\n`);
  describe.skip(name, () => body(env));
}
