/**
 * Passwords of at least 8 characters that top the public breach-frequency lists (shorter ones fail the length rule
 * anyway). Compared case-insensitively. A small, shipped list on purpose: it blocks the passwords every credential-
 * stuffing run tries first without a network lookup; it is not a breach corpus.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '00000000', '11111111', '12121212', '11223344', '12341234', '12344321', '12345678', '123456789', '1234567890',
  '12345678910', '123123123', '123321123', '987654321', '0987654321', '147258369', '159753456', '88888888', '66666666',
  '55555555', '99999999', '22222222', '77777777', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', '1qazxsw2', '2wsx3edc', 'zaq12wsx',
  'zaq1zaq1', 'qwertyui', 'qwertyuiop', 'qwerty123', 'qwerty1234', 'qwerty12', 'qwe123qwe', 'qweasdzxc', 'asdfghjk',
  'asdfghjkl', 'asdf1234', 'asdfasdf', 'zxcvbnm1', 'zxcvbnm123', '1234qwer', 'abcd1234', 'abc12345', 'abc123456',
  'aa123456', 'a1234567', 'a12345678', 'aaaaaaaa', 'password', 'password1', 'password12', 'password123', 'password1234',
  'password!', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'p@55w0rd', 'pa55word', 'pa$$word', 'passpass', 'mypassword',
  'iloveyou', 'iloveyou1', 'iloveyou2', 'sunshine', 'sunshine1', 'princess', 'princess1', 'football', 'football1',
  'baseball', 'basketball', 'welcome1', 'welcome123', 'admin123', 'admin1234', 'administrator', 'letmein1', 'letmein123',
  'trustno1', 'superman', 'starwars', 'whatever', 'changeme', 'changeme1', 'computer', 'internet', 'michelle', 'jennifer',
  'corvette', 'mercedes', 'liverpool', 'chelsea1', 'arsenal1', 'manchester', 'butterfly', 'charlie1', 'chocolate',
  'dragon12', 'master12', 'monkey12', 'shadow12', 'mustang1', 'jordan23', 'michael1', 'jessica1', 'ashley12',
  'fuckyou1', 'loveme12', 'lovely12', 'freedom1', 'qazwsxedc', 'q1w2e3r4', 'q1w2e3r4t5', 'hello123', 'hellokitty',
  'samsung1', 'google123', 'facebook', 'linkedin', 'twitter1', 'pokemon1', 'minecraft', 'naruto12', 'babygirl',
  'babygirl1', 'sweetheart', 'spiderman', 'batman123', 'pakistan', 'anthony1', 'victoria', 'elizabeth', 'nicholas',
  'precious', 'midnight', 'blink182', 'tinkerbell', 'december', 'november', 'september', 'summer2023', 'summer2024',
  'summer2025', 'winter2024', 'spring2024', 'autumn2024', 'welcome2024', 'welcome2025', 'password2024', 'password2025',
  'secret123', 'test1234', 'test12345', 'testtest', 'guest123', 'default1', 'unknown1', 'nothing1', 'senha123',
  'azerty123', 'azertyuiop', 'motdepasse', 'passwort', 'qwertz123', 'contraseña', 'parola123', 'junction', 'junction1',
  'junction123',
];
