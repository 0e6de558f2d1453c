import { ConfigError } from './config-error';
import { ConfigKey, ConfigSlice, ConfigValue } from './config-schema';

type Env = Record<string, string | undefined>;

/** Values read from the environment for the given slices; asking for a key no slice declared is a bug. */
export class AppConfig {
  constructor(private readonly values: ReadonlyMap<string, ConfigValue>) {}

  has(name: string): boolean {
    return this.values.has(name) && this.values.get(name) !== undefined;
  }

  string(name: string): string {
    return this.typed(name, 'string') as string;
  }

  optionalString(name: string): string | undefined {
    this.assertDeclared(name);
    const v = this.values.get(name);
    return v === undefined ? undefined : String(v);
  }

  int(name: string): number {
    return this.typed(name, 'number') as number;
  }

  bool(name: string): boolean {
    return this.typed(name, 'boolean') as boolean;
  }

  list(name: string): readonly string[] {
    this.assertDeclared(name);
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }

  private typed(name: string, type: 'string' | 'number' | 'boolean'): ConfigValue {
    this.assertDeclared(name);
    const v = this.values.get(name);
    if (typeof v !== type) throw new Error(`Config key ${name} is not set (or not a ${type})`);
    return v;
  }

  private assertDeclared(name: string): void {
    if (!this.values.has(name)) throw new Error(`Config key ${name} was not declared by any loaded config slice`);
  }
}

/** Reads and validates every key of every slice; throws one ConfigError listing all problems. */
export function readConfig(slices: readonly ConfigSlice[], env: Env): AppConfig {
  const values = new Map<string, ConfigValue>();
  const problems: string[] = [];
  for (const slice of slices) {
    for (const key of slice.keys) {
      if (values.has(key.name)) continue;
      const raw = env[key.name];
      const text = raw === undefined || raw.trim() === '' ? key.default : raw.trim();
      if (text === undefined) {
        if (key.required) problems.push(`${key.name} is required (${slice.owner}: ${key.description})`);
        values.set(key.name, undefined);
        continue;
      }
      const parsed = parseValue(key, text);
      if ('error' in parsed) problems.push(`${key.name} ${parsed.error}`);
      else values.set(key.name, parsed.value);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return new AppConfig(values);
}

function shown(key: ConfigKey, text: string): string {
  return key.secret ? '(secret value hidden)' : JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function parseValue(key: ConfigKey, text: string): { value: ConfigValue } | { error: string } {
  switch (key.kind) {
    case 'string':
      return { value: text };
    case 'int': {
      if (!/^-?\d+$/.test(text)) return { error: `must be an integer, got ${shown(key, text)}` };
      const n = Number(text);
      if (key.min !== undefined && n < key.min) return { error: `must be ≥ ${key.min}, got ${n}` };
      if (key.max !== undefined && n > key.max) return { error: `must be ≤ ${key.max}, got ${n}` };
      return { value: n };
    }
    case 'bool': {
      const t = text.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(t)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(t)) return { value: false };
      return { error: `must be true or false, got ${shown(key, text)}` };
    }
    case 'enum':
      return key.values?.includes(text)
        ? { value: text }
        : { error: `must be one of ${(key.values ?? []).join(', ')}; got ${shown(key, text)}` };
    case 'url': {
      const error = urlProblem(key, text);
      return error ? { error } : { value: text };
    }
    case 'list': {
      const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      for (const item of items) {
        if (key.values && !key.values.includes(item)) {
          return { error: `has unknown entry ${shown(key, item)}; valid: ${key.values.join(', ')}` };
        }
        if (key.listOf === 'url') {
          const error = urlProblem(key, item);
          if (error) return { error };
        }
      }
      return { value: items };
    }
  }
}

function urlProblem(key: ConfigKey, text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `must be a URL, got ${shown(key, text)}`;
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (key.schemes && !key.schemes.includes(scheme)) {
    return `must use scheme ${key.schemes.join(' or ')}, got ${shown(key, `${scheme}:`)}`;
  }
  return undefined;
}
