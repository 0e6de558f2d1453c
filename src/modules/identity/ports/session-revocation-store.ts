/**
 * Revoked session and user ids, shared by every replica of identity. Access tokens carry their session id (`sid`) and
 * user id (`sub`); a token is refused once either is revoked. Entries only need to outlive the tokens that may carry
 * them (the access-token lifetime), so they expire on their own.
 */
export abstract class SessionRevocationStore {
  /** Marks every id revoked for `ttlMs` (an id revoked again keeps the longer of the two lifetimes). */
  abstract revoke(ids: readonly string[], ttlMs: number): Promise<void>;

  /** The ids among `ids` that are revoked now (one round trip for all of them). */
  abstract revokedAmong(ids: readonly string[]): Promise<string[]>;
}
