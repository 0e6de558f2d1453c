import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';

/** The baggage Lua scripts, versioned beside this file (nest-cli.json copies *.lua into dist). */
export const BAGGAGE_SCRIPTS = ['upsert_flights', 'upsert_bags', 'work_items', 'purge_arrived'] as const;
export type BaggageScriptName = (typeof BAGGAGE_SCRIPTS)[number];

export class LuaScript {
  readonly sha: string;

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** SCRIPT LOAD (at boot, so the first batch does not pay for it). */
  async load(redis: Redis): Promise<void> {
    const sha = (await redis.script('LOAD', this.source)) as string;
    if (sha !== this.sha) throw new Error(`redis returned sha ${sha} for ${this.name}.lua, expected ${this.sha}`);
  }

  /** EVALSHA; after a server restart or SCRIPT FLUSH (NOSCRIPT) loads the script again and retries once. */
  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      await this.load(redis);
      return redis.evalsha(this.sha, keys.length, ...keys, ...args);
    }
  }
}

export function loadScriptSources(directory = join(__dirname, 'lua')): Record<BaggageScriptName, LuaScript> {
  return Object.fromEntries(BAGGAGE_SCRIPTS.map((name) => [name, new LuaScript(name, readFileSync(join(directory, `${name}.lua`), 'utf8'))])) as Record<BaggageScriptName, LuaScript>;
}
