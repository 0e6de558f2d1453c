/**
 * The first key of a parsed JSON value that could poison prototypes once the object is merged or spread:
 * `__proto__`, or `constructor` holding a `prototype` (the same rule as Fastify's default parser, secure-json-parse).
 * JSON.parse itself creates them as plain own properties; the danger is later code copying them. Iterative (explicit
 * stack), so it is safe on any depth; the caller has bounded the depth anyway.
 */
export function findForbiddenKey(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '__proto__') return '__proto__';
      const child = record[key];
      if (key === 'constructor' && child !== null && typeof child === 'object' && Object.prototype.hasOwnProperty.call(child, 'prototype')) {
        return 'constructor.prototype';
      }
      stack.push(child);
    }
  }
  return undefined;
}
