import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PasswordHasher } from '../../../ports';

const PREFIX = '$sha256-test$';

/**
 * A fast, deliberately weak hasher for unit tests of the use cases (argon2 costs ~26 ms a hash). Never wired by
 * IdentityModule: both adapter modes use argon2id.
 */
export class FastInsecureHasher extends PasswordHasher {
  constructor(private readonly version = 2) {
    super();
  }

  async hash(plain: string): Promise<string> {
    const salt = randomBytes(8).toString('base64url');
    return `${PREFIX}v=${this.version}$${salt}$${this.digest(salt, plain)}`;
  }

  async verify(hash: string, plain: string): Promise<boolean> {
    const m = /^\$sha256-test\$v=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(hash);
    if (!m) return false;
    const expected = Buffer.from(m[3]);
    const actual = Buffer.from(this.digest(m[2], plain));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  needsRehash(hash: string): boolean {
    return !hash.startsWith(`${PREFIX}v=${this.version}$`);
  }

  private digest(salt: string, plain: string): string {
    return createHash('sha256').update(salt).update('\0').update(plain, 'utf8').digest('base64url');
  }
}
