export type RotationResult =
  /** `presentedHash` was the family's current token: it is now used and `nextHash` is current. */
  | { kind: 'rotated'; userId: string }
  /** `presentedHash` had already been rotated away: the family is now revoked (token theft is assumed). */
  | { kind: 'reused'; userId: string }
  /** Unknown, expired or revoked family, or a token this family never issued. */
  | { kind: 'invalid' };

/**
 * Refresh-token families. Tokens are stored only as hashes; each rotation replaces the current token, and presenting
 * a token that was already rotated away revokes the whole family (RFC 9700 refresh-token rotation).
 */
export abstract class RefreshTokenStore {
  abstract createFamily(familyId: string, userId: string, tokenHash: string, ttlMs: number): Promise<void>;

  abstract rotate(familyId: string, presentedHash: string, nextHash: string, ttlMs: number): Promise<RotationResult>;

  /** Revokes the family when `presentedHash` belongs to it; returns whether it did. */
  abstract revoke(familyId: string, presentedHash: string): Promise<boolean>;

  /** Revokes every family of the user (account deleted). */
  abstract revokeAllForUser(userId: string): Promise<void>;
}
