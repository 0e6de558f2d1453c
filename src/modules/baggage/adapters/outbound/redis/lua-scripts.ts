import { join } from 'node:path';
import { LuaScript } from '@libs/platform';

/** The baggage Lua scripts, versioned beside this file (nest-cli.json copies *.lua into dist). */
export const BAGGAGE_SCRIPTS = ['upsert_flights', 'upsert_bags', 'work_items', 'purge_arrived'] as const;
export type BaggageScriptName = (typeof BAGGAGE_SCRIPTS)[number];

export function loadScriptSources(directory = join(__dirname, 'lua')): Record<BaggageScriptName, LuaScript> {
  return Object.fromEntries(BAGGAGE_SCRIPTS.map((name) => [name, LuaScript.fromFile(join(directory, `${name}.lua`))])) as Record<BaggageScriptName, LuaScript>;
}
