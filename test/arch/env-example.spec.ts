/**
 * `.env.example` lists every config key any profile can read (allConfigSlices() in src/runtime/runtime-config.ts:
 * platform, every module, every backing service, every remote facade URL), and nothing else.
 *
 * To regenerate the file from the slices (after adding keys to a module's manifest, say):
 *   UPDATE_ENV_EXAMPLE=1 npx jest test/arch/env-example --selectProjects arch
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigKey, ConfigSlice } from '@libs/platform';
import { readConfig } from '@libs/platform';
import { allConfigSlices } from '../../src/runtime/runtime-config';

const FILE = join(__dirname, '..', '..', '.env.example');

interface Group {
  owner: string;
  keys: ConfigKey[];
}

/** The slices grouped by owner, each key once (the first slice declaring it owns it, as in readConfig). */
function groups(slices: readonly ConfigSlice[]): Group[] {
  const seen = new Set<string>();
  const byOwner = new Map<string, Group>();
  for (const slice of slices) {
    for (const key of slice.keys) {
      if (seen.has(key.name)) continue;
      seen.add(key.name);
      const group = byOwner.get(slice.owner) ?? { owner: slice.owner, keys: [] };
      group.keys.push(key);
      byOwner.set(slice.owner, group);
    }
  }
  return [...byOwner.values()];
}

function groupTitle(owner: string): string {
  if (owner === 'platform') return 'platform: read by every process';
  if (owner === 'remote facades') {
    return 'remote facades: required when a booted module needs a facade whose owner runs elsewhere';
  }
  if (owner.startsWith('infra:')) return `${owner}: read with ADAPTERS=real when a booted module uses ${owner.slice('infra:'.length)}`;
  return `module ${owner}: read only when ${owner} is booted`;
}

/**
 * The value a key gets: its default (so a copy of the file behaves like no file at all); for a required key without
 * one, its example (the loopback servers of `npm run infra:up`; secrets there are throwaway placeholders); otherwise
 * empty, with the example in the comment, since setting an optional key changes behaviour (GRPC_TLS_* turn on mTLS).
 */
function valueOf(key: ConfigKey): string {
  if (key.default !== undefined) return key.default;
  if (key.required && key.example !== undefined) return key.example;
  return '';
}

function commentOf(key: ConfigKey): string {
  const facts = [
    key.required ? 'required' : undefined,
    key.secret ? 'secret' : undefined,
    key.kind === 'enum' && key.values ? `one of ${key.values.join(' | ')}` : undefined,
    key.default === undefined && !key.required && key.example !== undefined ? `e.g. ${key.example}` : undefined,
  ].filter((f): f is string => f !== undefined);
  return `# ${key.description}${facts.length > 0 ? ` — ${facts.join('; ')}` : ''}`;
}

function renderEnvExample(slices: readonly ConfigSlice[]): string {
  const lines = [
    '# Every configuration key Junction reads, grouped by who reads it. Generated from the config slices',
    '# (allConfigSlices() in src/runtime/runtime-config.ts); test/arch/env-example.spec.ts keeps it complete.',
    '# Regenerate: UPDATE_ENV_EXAMPLE=1 npx jest test/arch/env-example --selectProjects arch',
    '# A process reads only the slices of its profile (MODULES, ADAPTERS). Values shown are the defaults; required',
    '# keys without a default show an example pointing at the servers of `npm run infra:up`.',
    '# Never put real secrets in this file.',
  ];
  for (const group of groups(slices)) {
    lines.push('', `# ── ${groupTitle(group.owner)} ${'─'.repeat(Math.max(3, 100 - groupTitle(group.owner).length))}`);
    for (const key of group.keys) lines.push(commentOf(key), `${key.name}=${valueOf(key)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** KEY=value lines of the file (comments and blank lines skipped); anything else is reported as unparseable. */
function parse(text: string): { entries: Array<[string, string]>; unparseable: string[] } {
  const entries: Array<[string, string]> = [];
  const unparseable: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(trimmed);
    if (match) entries.push([match[1], match[2]]);
    else unparseable.push(line);
  }
  return { entries, unparseable };
}

describe('.env.example', () => {
  const slices = allConfigSlices();
  const declared = groups(slices).flatMap((g) => g.keys);
  if (process.env.UPDATE_ENV_EXAMPLE === '1') writeFileSync(FILE, renderEnvExample(slices));
  const { entries, unparseable } = parse(readFileSync(FILE, 'utf8'));
  const listed = entries.map(([name]) => name);
  const hint = 'regenerate with UPDATE_ENV_EXAMPLE=1 npx jest test/arch/env-example --selectProjects arch';

  it('has only comments, blank lines and KEY=value lines, each key once', () => {
    expect(unparseable).toEqual([]);
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });

  it('lists every key any profile can read', () => {
    const missing = declared.filter((k) => !listed.includes(k.name)).map((k) => `${commentOf(k)}\n${k.name}=${valueOf(k)}`);
    if (missing.length > 0) throw new Error(`.env.example lacks ${missing.length} key(s) (${hint}):\n${missing.join('\n')}`);
  });

  it('lists no key that no profile reads', () => {
    const names = new Set(declared.map((k) => k.name));
    expect(listed.filter((name) => !names.has(name))).toEqual([]);
  });

  it('holds no secret: secret keys are empty or carry the declared placeholder', () => {
    const values = new Map(entries);
    const leaked = declared
      .filter((k) => k.secret)
      .filter((k) => ![undefined, '', k.example].includes(values.get(k.name)))
      .map((k) => k.name);
    expect(leaked).toEqual([]);
  });

  it('is a valid configuration as it stands (copying it to the environment boots every slice)', () => {
    expect(() => readConfig(slices, Object.fromEntries(entries))).not.toThrow();
  });
});
