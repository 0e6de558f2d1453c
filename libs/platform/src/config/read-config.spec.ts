import { ConfigError } from './config-error';
import { ConfigSlice } from './config-schema';
import { readConfig } from './read-config';

const slice: ConfigSlice = {
  owner: 'test',
  keys: [
    { name: 'A_INT', kind: 'int', min: 1, max: 10, default: '5', description: 'an int' },
    { name: 'A_BOOL', kind: 'bool', default: 'false', description: 'a bool' },
    { name: 'A_ENUM', kind: 'enum', values: ['x', 'y'], default: 'x', description: 'an enum' },
    { name: 'A_LIST', kind: 'list', listOf: 'url', schemes: ['http'], default: '', description: 'urls' },
    { name: 'A_SECRET', kind: 'url', schemes: ['postgres'], secret: true, description: 'a secret url' },
    { name: 'A_REQUIRED', kind: 'string', required: true, description: 'must be set' },
  ],
};

describe('readConfig', () => {
  it('applies defaults and parses types', () => {
    const config = readConfig([slice], { A_REQUIRED: ' v ', A_BOOL: 'YES', A_LIST: 'http://a:1, http://b:2' });
    expect(config.int('A_INT')).toBe(5);
    expect(config.bool('A_BOOL')).toBe(true);
    expect(config.string('A_ENUM')).toBe('x');
    expect(config.list('A_LIST')).toEqual(['http://a:1', 'http://b:2']);
    expect(config.string('A_REQUIRED')).toBe('v');
    expect(config.has('A_SECRET')).toBe(false);
  });

  it('collects every problem into one error', () => {
    let error: ConfigError | undefined;
    try {
      readConfig([slice], { A_INT: '11', A_BOOL: 'maybe', A_ENUM: 'z', A_LIST: 'ftp://x', A_SECRET: 'mysql://root:pw@h/d' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      'A_INT must be ≤ 10, got 11',
      'A_BOOL must be true or false, got "maybe"',
      'A_ENUM must be one of x, y; got "z"',
      'A_LIST must use scheme http, got "ftp:"',
      'A_SECRET must use scheme postgres, got (secret value hidden)',
      'A_REQUIRED is required (test: must be set)',
    ]);
  });

  it('rejects non-integers and non-URLs without echoing secrets', () => {
    expect(() => readConfig([slice], { A_REQUIRED: 'v', A_INT: '1.5' })).toThrow(/A_INT must be an integer, got "1.5"/);
    expect(() => readConfig([slice], { A_REQUIRED: 'v', A_SECRET: 'not a url hunter2' })).toThrow(/A_SECRET must be a URL, got \(secret value hidden\)/);
  });

  it('refuses to hand out keys no slice declared', () => {
    const config = readConfig([slice], { A_REQUIRED: 'v' });
    expect(() => config.string('UNDECLARED')).toThrow(/not declared/);
  });
});
