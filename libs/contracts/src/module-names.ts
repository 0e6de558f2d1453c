/** The six bounded contexts. The runtime registry (src/runtime) holds one manifest per name. */
export const MODULE_NAMES = ['identity', 'flights', 'baggage', 'detectors', 'orders', 'trains'] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

export function isModuleName(value: string): value is ModuleName {
  return (MODULE_NAMES as readonly string[]).includes(value);
}
