import { canonicalJson } from './canonical-json';

/** The recursive version it replaced: outputs must stay identical (stored fingerprints live 24 h). */
function recursiveReference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(recursiveReference).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .sort()
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${recursiveReference(record[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

describe('canonicalJson', () => {
  it('sorts keys at every level and is the same for reordered bodies', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });

  it('produces exactly what the recursive version did', () => {
    const samples: unknown[] = [
      null,
      undefined,
      0,
      'x',
      true,
      [],
      {},
      [undefined, null, 1, 'a"b'],
      { z: undefined, y: null, 'é': 'ü', nested: { list: [[], [{}], [1, [2, [3]]]], empty: {} } },
      { email: 'ada@example.com', password: 'a long passphrase', first_name: 'Ada', last_name: 'Lovelace', phone_number: '+441234567' },
    ];
    for (const sample of samples) expect(canonicalJson(sample)).toBe(recursiveReference(sample));
  });

  it('does not overflow the stack on 100,000 levels of nesting (issue 13 hit the limit at 6,000)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { a: deep };
    expect(() => recursiveReference(deep)).toThrow(RangeError);
    const text = canonicalJson(deep);
    expect(text.length).toBeGreaterThan(100_000);
    expect(text.startsWith('[{"a":[{"a":')).toBe(true);
  });
});
