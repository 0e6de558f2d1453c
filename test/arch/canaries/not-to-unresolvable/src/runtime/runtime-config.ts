// Allowed: resolvable relative, builtin and npm imports.
import { join } from 'node:path';
import { RuntimeProfile } from './runtime-profile';
// VIOLATION (not-to-unresolvable): a typo in a path.
import { loadConfig } from './runtime-confg';

export const configFor = (profile: RuntimeProfile): unknown => [join('a', 'b'), loadConfig(profile)];
