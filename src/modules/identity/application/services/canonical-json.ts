/** Work for canonicalJson: a value still to write, or literal text (brackets, commas, a key). */
type Step = { value: unknown } | { text: string };

/**
 * JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same body (the at-most-once fingerprint).
 * Iterative with an explicit stack: a recursive walk overflowed the call stack on a deeply nested body (issue 13)
 * before the edge limited nesting, and this function must stay safe whoever calls it. The output is exactly what
 * the recursive version produced, so fingerprints stored before the change still match.
 */
export function canonicalJson(root: unknown): string {
  const out: string[] = [];
  const stack: Step[] = [{ value: root }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('text' in step) {
      out.push(step.text);
      continue;
    }
    const value = step.value;
    if (Array.isArray(value)) {
      // Pushed in reverse so that they pop in order: '[', item 0, ',', item 1, …, ']'.
      stack.push({ text: ']' });
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i] });
        if (i > 0) stack.push({ text: ',' });
      }
      stack.push({ text: '[' });
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .sort()
        .filter((k) => record[k] !== undefined);
      stack.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: record[keys[i]] });
        stack.push({ text: `${JSON.stringify(keys[i])}:` });
        if (i > 0) stack.push({ text: ',' });
      }
      stack.push({ text: '{' });
    } else {
      out.push(JSON.stringify(value ?? null));
    }
  }
  return out.join('');
}
