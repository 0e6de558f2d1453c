/**
 * The architecture rules of .dependency-cruiser.cjs hold for the real tree, and each one still fires: every rule has a
 * canary under test/arch/canaries/<rule>/, a small tree mirroring the real layout that breaks exactly that rule
 * (plus allowed imports next to the violation, so an over-eager rule fails too).
 *
 * dependency-cruiser 17 is ESM-only and Jest runs CommonJS here, so test/arch/cruise.mjs runs every cruise (the real
 * tree as `npm run deps` does, then each canary with its own tsconfig) in one child process and prints JSON.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const RUNNER = join(ROOT, 'test', 'arch', 'cruise.mjs');
const CANARIES = 'test/arch/canaries';

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: Array<{ name: string }>;
}

interface CruiseResult {
  modules: Array<{
    source: string;
    coreModule?: boolean;
    couldNotResolve?: boolean;
    dependencies: Array<{ module: string; resolved: string; dependencyTypes: string[] }>;
  }>;
  summary: {
    violations: Violation[];
    error: number;
    warn: number;
    info: number;
    totalCruised: number;
    ruleSetUsed: { forbidden?: Array<{ name: string }> };
  };
}

interface CruiseJob {
  paths: string[];
  config: string;
  tsConfig?: string;
}

function cruiseAll(jobs: readonly CruiseJob[]): Promise<CruiseResult[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [RUNNER, JSON.stringify(jobs)], { cwd: ROOT });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0) return reject(new Error(`${RUNNER} exited ${code}:\n${Buffer.concat(err).toString('utf8')}${stdout}`));
      resolvePromise(JSON.parse(stdout) as CruiseResult[]);
    });
  });
}

/**
 * What each canary must produce, paths relative to the canary's root. `to` ending in `/` is a prefix (npm packages,
 * whose resolved entry file is the package's business); a cycle is reported once, from whichever edge is met first.
 */
type Expected = { from: string; to: string } | { cycle: string[] };

const EXPECTED: Record<string, Expected> = {
  'no-cross-module-imports': {
    from: 'src/modules/orders/application/place-order.handler.ts',
    to: 'src/modules/identity/ports/user-store.ts',
  },
  'modules-only-from-runtime': { from: 'src/app.module.ts', to: 'src/modules/orders/index.ts' },
  'module-door-only': { from: 'src/runtime/module-registry.ts', to: 'src/modules/orders/orders.module.ts' },
  'domain-imports-only-kernel': { from: 'src/modules/trains/domain/seat-hold.ts', to: 'node_modules/@nestjs/common/' },
  'application-no-adapters': {
    from: 'src/modules/identity/application/register-user.handler.ts',
    to: 'src/modules/identity/adapters/outbound/memory/memory-user-store.ts',
  },
  'inbound-not-outbound': {
    from: 'src/modules/identity/adapters/inbound/http/users.controller.ts',
    to: 'src/modules/identity/adapters/outbound/postgres/postgres-user-store.ts',
  },
  'libs-only-through-alias': { from: 'src/runtime/clock-provider.ts', to: 'libs/kernel/src/clock.ts' },
  'libs-never-import-src': { from: 'libs/platform/src/runtime/module-manifest.ts', to: 'src/runtime/module-registry.ts' },
  'kernel-is-pure': { from: 'libs/kernel/src/ids.ts', to: 'node_modules/rxjs/' },
  'no-circular': { cycle: ['src/modules/orders/application/saga-step.ts', 'src/modules/orders/application/saga.ts'] },
  'not-to-unresolvable': { from: 'src/runtime/runtime-config.ts', to: './runtime-confg' },
};

const canaryNames = readdirSync(join(ROOT, CANARIES))
  .filter((name) => statSync(join(ROOT, CANARIES, name)).isDirectory())
  .sort();

const describeViolation = (v: Violation): string => `${v.rule.name}: ${v.from} → ${v.to}`;

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  let real: CruiseResult;
  const canaries = new Map<string, CruiseResult>();

  beforeAll(async () => {
    const [realResult, ...canaryResults] = await cruiseAll([
      // What `npm run deps` cruises.
      { paths: ['src', 'libs'], config: '.dependency-cruiser.cjs' },
      ...canaryNames.map((name) => ({
        paths: [`${CANARIES}/${name}`],
        config: `${CANARIES}/.dependency-cruiser.cjs`,
        tsConfig: `${CANARIES}/${name}/tsconfig.json`,
      })),
    ]);
    real = realResult;
    canaryNames.forEach((name, i) => canaries.set(name, canaryResults[i]));
  }, 60_000);

  describe('the real tree (src, libs)', () => {
    it('has no violations, not even warnings', () => {
      expect(real.summary.violations.map(describeViolation)).toEqual([]);
      expect(real.summary.error + real.summary.warn + real.summary.info).toBe(0);
    });

    it('is actually cruised: the registry, every module door and the @libs aliases resolve', () => {
      const sources = new Set(real.modules.map((m) => m.source));
      expect(sources).toContain('src/runtime/module-registry.ts');
      for (const module of ['identity', 'flights', 'baggage', 'detectors', 'orders', 'trains']) {
        expect(sources).toContain(`src/modules/${module}/index.ts`);
      }
      expect(sources).toContain('libs/kernel/src/index.ts');
      expect(real.modules.filter((m) => m.couldNotResolve)).toEqual([]);
      expect([...sources].filter((s) => s.startsWith(CANARIES))).toEqual([]);
    });
  });

  describe('canaries', () => {
    it('exist for every rule, and only for rules', () => {
      const rules = (real.summary.ruleSetUsed.forbidden ?? []).map((r) => r.name).sort();
      expect(rules.length).toBeGreaterThan(0);
      expect(canaryNames).toEqual(rules);
      expect(Object.keys(EXPECTED).sort()).toEqual(rules);
    });

    it.each(Object.keys(EXPECTED))('%s fires, once, on the planted violation', (rule) => {
      const result = canaries.get(rule);
      if (!result) throw new Error(`no canary directory ${CANARIES}/${rule}`);
      const base = `${CANARIES}/${rule}/`;
      const local = (path: string): string => (path.startsWith(base) ? path.slice(base.length) : path);

      // Nothing but the planted violation: every other import in the canary is an allowed one.
      expect(result.summary.violations.map(describeViolation)).toHaveLength(1);
      const [violation] = result.summary.violations;
      expect(violation.rule.name).toBe(rule);
      expect(violation.rule.severity).toBe('error');

      const expected = EXPECTED[rule];
      if ('cycle' in expected) {
        expect(violation.type).toBe('cycle');
        expect((violation.cycle ?? []).map((step) => local(step.name)).sort()).toEqual([...expected.cycle].sort());
      } else {
        expect(local(violation.from)).toBe(expected.from);
        const to = local(violation.to);
        if (expected.to.endsWith('/')) expect(to.startsWith(expected.to)).toBe(true);
        else expect(to).toBe(expected.to);
      }

      // The canary is self-contained: its @libs/* aliases resolved inside it, never to the real libs.
      const outside = result.modules.filter(
        (m) => !m.coreModule && !m.couldNotResolve && !m.source.startsWith(base) && !m.source.startsWith('node_modules/'),
      );
      expect(outside.map((m) => m.source)).toEqual([]);
    });

    it('libs-only-through-alias tells the alias from a relative path to the same lib', () => {
      const base = `${CANARIES}/libs-only-through-alias/`;
      const importer = canaries.get('libs-only-through-alias')?.modules.find((m) => m.source === `${base}src/runtime/clock-provider.ts`);
      const aliased = importer?.dependencies.find((d) => d.module === '@libs/kernel');
      expect(aliased?.resolved).toBe(`${base}libs/kernel/src/index.ts`);
      expect(aliased?.dependencyTypes).toEqual(expect.arrayContaining(['aliased', 'aliased-tsconfig']));
    });
  });
});
