import { safeTarget, withTimeout } from './infra-client';

describe('infra client helpers', () => {
  it('describes a connection URL without credentials or query', () => {
    expect(safeTarget('postgres://junction:pw@db.internal:5432/junction?sslmode=require')).toBe('db.internal:5432/junction');
    expect(safeTarget('redis://:pw@127.0.0.1:16379')).toBe('127.0.0.1:16379');
    expect(safeTarget('bolt://neo4j:pw@127.0.0.1:17687')).toBe('127.0.0.1:17687');
    expect(safeTarget('http://127.0.0.1:12379')).toBe('127.0.0.1:12379');
    expect(safeTarget('not a url :pw@')).toBe('(unparsable URL)');
  });

  it('bounds a promise in time', async () => {
    await expect(withTimeout(Promise.resolve(1), 50, 'slow')).resolves.toBe(1);
    await expect(withTimeout(new Promise(() => undefined), 20, 'too slow')).rejects.toThrow('too slow');
  });
});
