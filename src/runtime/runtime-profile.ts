import { MODULE_NAMES, ModuleName, isModuleName } from '@libs/contracts';
import { ConfigError } from '@libs/platform';
import type { AdapterMode } from '@libs/platform';

export interface RuntimeProfile {
  modules: readonly ModuleName[];
  adapters: AdapterMode;
}

type Env = Record<string, string | undefined>;

/** `--modules=a,b`, `--modules a,b`, `--adapters=real`: command-line flags win over MODULES / ADAPTERS. */
export function flagsFromArgv(argv: readonly string[]): Env {
  const flags: Env = {};
  const names: Record<string, string> = { '--modules': 'MODULES', '--adapters': 'ADAPTERS', '--process-name': 'PROCESS_NAME' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const key = names[flag];
    if (!key) continue;
    const value = inline ?? argv[i + 1];
    if (inline === undefined) i++;
    flags[key] = value;
  }
  return flags;
}

/** Parses and validates the module list; unknown names are an error that lists the valid ones. */
export function parseModules(raw: string | undefined): ModuleName[] {
  const text = (raw ?? 'all').trim();
  const names = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0) throw new ConfigError([`MODULES is empty; valid modules: ${MODULE_NAMES.join(', ')} (or "all")`]);
  if (names.includes('all')) {
    if (names.length > 1) throw new ConfigError(['MODULES: "all" cannot be combined with other names']);
    return [...MODULE_NAMES];
  }
  const unknown = names.filter((n) => !isModuleName(n));
  if (unknown.length > 0) {
    throw new ConfigError([`MODULES has unknown module${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}; valid modules: ${MODULE_NAMES.join(', ')} (or "all")`]);
  }
  return MODULE_NAMES.filter((n) => names.includes(n));
}

export function parseProfile(env: Env): RuntimeProfile {
  const adapters = (env.ADAPTERS ?? 'memory').trim() || 'memory';
  const problems: string[] = [];
  if (adapters !== 'memory' && adapters !== 'real') problems.push(`ADAPTERS must be memory or real; got ${JSON.stringify(adapters)}`);
  let modules: ModuleName[] = [];
  try {
    modules = parseModules(env.MODULES);
  } catch (error) {
    problems.push(...(error as ConfigError).problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { modules, adapters: adapters as AdapterMode };
}
