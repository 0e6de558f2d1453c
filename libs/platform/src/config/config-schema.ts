/**
 * A tiny, dependency-free config schema. Each module (and the platform) declares the keys of its own slice;
 * only the slices of the selected modules are read, and every problem is reported at once (fail fast).
 */
export type ConfigKind = 'string' | 'int' | 'bool' | 'url' | 'enum' | 'list';

export interface ConfigKey {
  name: string;
  kind: ConfigKind;
  description: string;
  /** Used when the variable is unset or empty. A key without default and with `required` must be set. */
  default?: string;
  required?: boolean;
  /** Never echoed back in errors or logs. */
  secret?: boolean;
  /** For `enum` and for each element of `list` when given. */
  values?: readonly string[];
  min?: number;
  max?: number;
  /** Allowed URL schemes for `url` (and for each element of `list` when `listOf` is `url`). */
  schemes?: readonly string[];
  listOf?: 'url' | 'string';
  /** Shown in .env.example and the README table. */
  example?: string;
}

export interface ConfigSlice {
  /** Who reads these keys: `platform`, a module name, or `infra:<service>`. */
  owner: string;
  keys: readonly ConfigKey[];
}

export type ConfigValue = string | number | boolean | readonly string[] | undefined;
