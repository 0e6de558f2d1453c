/** One-way password hashing (argon2id in production). Implementations must be constant-time in `verify`. */
export abstract class PasswordHasher {
  /** A self-describing hash (PHC string) under the current parameters. */
  abstract hash(plain: string): Promise<string>;

  /** False for a wrong password and for a malformed or foreign hash; never throws for those. */
  abstract verify(hash: string, plain: string): Promise<boolean>;

  /** True when `hash` was made with other (older) parameters or another algorithm and should be replaced. */
  abstract needsRehash(hash: string): boolean;
}
