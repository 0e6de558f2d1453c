import { Email } from './email';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH } from './password-policy';
import { joinPersonName, parsePersonName, splitFullName } from './person-name';
import { PhoneNumber } from './phone-number';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('identity domain', () => {
  describe('Email', () => {
    it('trims and lowercases', () => {
      expect(Email.parse('  Ada.Lovelace+x@Example.CO.uk ').value).toBe('ada.lovelace+x@example.co.uk');
    });

    it.each(['plainaddress', '@example.com', 'a@', 'a@b', 'a..b@example.com', 'a b@example.com', 'a@exa_mple.com', `${'a'.repeat(65)}@example.com`, 'a@-example.com', 'ünï@example.com', 'a\u0000@example.com'])(
      'rejects %j with IDENTITY.INVALID_EMAIL',
      (raw) => expect(codeOf(() => Email.parse(raw))).toBe('IDENTITY.INVALID_EMAIL'),
    );

    it('reports missing and non-string input', () => {
      expect(codeOf(() => Email.parse(undefined))).toBe('IDENTITY.MISSING_FIELD');
      expect(codeOf(() => Email.parse('   '))).toBe('IDENTITY.MISSING_FIELD');
      expect(codeOf(() => Email.parse(42))).toBe('IDENTITY.INVALID_EMAIL');
    });

    it('makes undeliverable placeholders for phone-only accounts', () => {
      const email = Email.placeholderForPhone('+44 7946 000958');
      expect(email.value).toBe('phone-447946000958@phone.junction.invalid');
      expect(email.isPlaceholder).toBe(true);
      expect(Email.parse(email.value).value).toBe(email.value);
    });
  });

  describe('PhoneNumber', () => {
    it('drops separators and keeps an optional +', () => {
      expect(PhoneNumber.parse('+44 (20) 7946-0958').value).toBe('+442079460958');
      expect(PhoneNumber.parse('017.1234.5678').value).toBe('01712345678');
    });

    it.each(['12345', '+1234567890123456', '12ab34567', '++123456789', '+', '１２３４５６７'])('rejects %j', (raw) => {
      expect(codeOf(() => PhoneNumber.parse(raw))).toBe('IDENTITY.INVALID_PHONE');
    });

    it('treats empty as absent when optional', () => {
      expect(PhoneNumber.parseOptional('')).toBeNull();
      expect(PhoneNumber.parseOptional(null)).toBeNull();
      expect(PhoneNumber.parseOptional(undefined)).toBeNull();
    });
  });

  describe('person names', () => {
    it('normalises to NFC, trims and collapses whitespace', () => {
      expect(parsePersonName('  Zoe\u0308 \t Ana  ', 'first_name')).toBe('Zoë Ana');
      expect(parsePersonName("O'Brien-Smith Jr.", 'last_name')).toBe("O'Brien-Smith Jr.");
      expect(parsePersonName('محمد', 'first_name')).toBe('محمد');
      expect(parsePersonName('मे\u200Dरा', 'first_name')).toBe('मे\u200Dरा');
    });

    it('allows digits next to letters (seed 000 demo: Test1, Test2)', () => {
      expect(parsePersonName('Test1', 'first_name')).toBe('Test1');
      expect(parsePersonName('R2D2', 'first_name')).toBe('R2D2');
    });

    it.each([['\u202Eevil'], ['a\u0000b'], ['\u200B'], ['🚀'], ['1234'], ['٣'], ['a<script>'], ['x'.repeat(101)], ['\ud800']])('rejects %j', (raw) => {
      expect(codeOf(() => parsePersonName(raw, 'first_name'))).toBe('IDENTITY.INVALID_NAME');
    });

    it('treats blank as missing', () => {
      expect(codeOf(() => parsePersonName(' \n ', 'last_name'))).toBe('IDENTITY.MISSING_FIELD');
    });

    it('splits seed 002 names on the last space and joins them back', () => {
      expect(splitFullName('Ada King Lovelace')).toEqual({ firstName: 'Ada King', lastName: 'Lovelace' });
      expect(splitFullName('Cher')).toEqual({ firstName: 'Cher', lastName: 'Cher' });
      expect(joinPersonName('Cher', 'Cher')).toBe('Cher');
      expect(joinPersonName('Ada King', 'Lovelace')).toBe('Ada King Lovelace');
    });
  });

  describe('password policy', () => {
    it('accepts 8 to 128 characters of anything, counted in code points', () => {
      expect(checkPasswordPolicy('8 chars!')).toBe('8 chars!');
      expect(checkPasswordPolicy('🚀🚀🚀🚀🚀🚀🚀🚀')).toBe('🚀🚀🚀🚀🚀🚀🚀🚀');
      expect(checkPasswordPolicy('p'.repeat(PASSWORD_MAX_LENGTH))).toHaveLength(128);
      expect(checkPasswordPolicy('  spaces kept  ')).toBe('  spaces kept  ');
    });

    it.each([
      ['short', 'too_short'],
      ['🚀🚀🚀🚀', 'too_short'],
      ['p'.repeat(129), 'too_long'],
      ['Password123', 'common'],
      ['QWERTYUIOP', 'common'],
    ])('rejects %j (%s)', (raw, reason) => {
      try {
        checkPasswordPolicy(raw);
        throw new Error('expected rejection');
      } catch (error) {
        expect(error).toMatchObject({ code: 'IDENTITY.WEAK_PASSWORD', category: 'unprocessable', details: { field: 'password', reason } });
      }
    });

    it('rejects the account email (or its local part) as password', () => {
      expect(codeOf(() => checkPasswordPolicy('ada.lovelace@example.com', { email: 'ada.lovelace@example.com' }))).toBe('IDENTITY.WEAK_PASSWORD');
      expect(codeOf(() => checkPasswordPolicy('Ada.Lovelace', { email: 'ada.lovelace@example.com' }))).toBe('IDENTITY.WEAK_PASSWORD');
    });
  });
});
