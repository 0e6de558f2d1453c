import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by SHA (EVALSHA). `load` registers it (at boot, so the first call does not pay for it); after a
 * server restart or SCRIPT FLUSH (NOSCRIPT) `run` loads it again and retries once.
 */
export class LuaScript {
  readonly sha: string;

  constructor(
    readonly source: string,
    readonly name = 'script',
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** A script versioned as a file beside its adapter (nest-cli.json copies *.lua into dist). */
  static fromFile(path: string): LuaScript {
    return new LuaScript(readFileSync(path, 'utf8'), basename(path, '.lua'));
  }

  async load(redis: Redis): Promise<void> {
    const sha = (await redis.script('LOAD', this.source)) as string;
    if (sha !== this.sha) throw new Error(`redis returned sha ${sha} for ${this.name}, expected ${this.sha}`);
  }

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
