import { parseMultipart } from './form-body-parsers';

describe('parseMultipart', () => {
  it('reads text fields and skips files', () => {
    const body = Buffer.from(
      ['--b', 'Content-Disposition: form-data; name="value"', '', '1000.00', '--b', 'Content-Disposition: form-data; name="user_id"', '', 'uuuu-ação', '--b', 'Content-Disposition: form-data; name="f"; filename="a.txt"', 'Content-Type: text/plain', '', 'file', '--b--', ''].join('\r\n'),
      'utf8',
    );
    expect(parseMultipart(body, 'b')).toEqual({ value: '1000.00', user_id: 'uuuu-ação' });
  });

  it('rejects garbage', () => {
    expect(() => parseMultipart(Buffer.from('garbage'), 'b')).toThrow();
    expect(() => parseMultipart(Buffer.from('--b\r\nno headers'), 'b')).toThrow();
  });
});
