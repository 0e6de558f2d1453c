import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds `proto/<relative>` from source (repo root) and from the build output (dist/proto). */
export function protoPath(relative: string): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'proto', relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`proto file ${relative} not found above ${__dirname}`);
}
