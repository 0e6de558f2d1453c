import { RequestError } from '../../errors/request-error';
import { findForbiddenKey } from './forbidden-keys';
import { parseJsonBody } from './json-body-parser';
import { jsonNestingExceeds } from './json-nesting';

function refusal(text: string, maxDepth = 32): RequestError {
  try {
    parseJsonBody(text, maxDepth);
  } catch (error) {
    if (error instanceof RequestError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('JSON body rules', () => {
  it('counts nesting of objects and arrays, not brackets inside strings or after escaped quotes', () => {
    expect(jsonNestingExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonNestingExceeds('{"a":[{"b":1}]}', 2)).toBe(true);
    expect(jsonNestingExceeds('{"a":"[[[[[[[[[[{{{{{"}', 1)).toBe(false);
    expect(jsonNestingExceeds('{"a":"\\"[[[[[[[["}', 1)).toBe(false);
    expect(jsonNestingExceeds('[[],[],[],[]]', 2)).toBe(false);
  });

  it('refuses the issue-13 body (6,000 levels) with 400 naming the limit, and a million levels without recursion', () => {
    const deep = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`;
    const error = refusal(deep);
    expect(error).toMatchObject({ status: 400, code: 'REQUEST.JSON_TOO_DEEP', message: 'JSON nesting depth exceeds 32', details: { limit: 32 } });
    const started = process.hrtime.bigint();
    expect(refusal('['.repeat(1_000_000)).code).toBe('REQUEST.JSON_TOO_DEEP');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
  });

  it('accepts a body exactly at the limit', () => {
    expect(parseJsonBody(`${'['.repeat(32)}${']'.repeat(32)}`, 32)).toBeDefined();
  });

  it('names a forbidden key instead of calling the body invalid JSON', () => {
    expect(refusal('{"email":"a@b.c","__proto__":{"admin":true}}')).toMatchObject({ status: 400, code: 'REQUEST.FORBIDDEN_JSON_KEY', message: 'JSON body contains a forbidden key __proto__' });
    // JSON escapes decode to the same key
    expect(refusal('{"a":[{"\\u005f_proto__":1}]}').message).toBe('JSON body contains a forbidden key __proto__');
    expect(refusal('{"constructor":{"prototype":{"x":1}}}').message).toBe('JSON body contains a forbidden key constructor.prototype');
    expect(findForbiddenKey(JSON.parse('{"constructor":"a plain string is fine"}'))).toBeUndefined();
  });

  it('reports malformed JSON with its position but never echoes the body (it may hold a password)', () => {
    const error = refusal('{"password":"hunter2" x}');
    expect(error.code).toBe('REQUEST.MALFORMED_JSON');
    expect(error.message).toMatch(/^Body is not valid JSON \(at position \d+\)$/);
    expect(error.message).not.toContain('hunter2');
    expect(refusal('').code).toBe('REQUEST.EMPTY_JSON_BODY');
  });
});
