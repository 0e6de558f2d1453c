export interface AccessTokenClaims {
  userId: string;
  email: string;
  roles: readonly string[];
  /** The session (refresh-token family) the token belongs to (`sid`): logout and deletion revoke it. */
  sessionId: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresInSeconds: number;
}

/** Signs and verifies short-lived access tokens (JWT). Verification is local: no store round trip. */
export abstract class AccessTokenCodec {
  abstract issue(claims: AccessTokenClaims): IssuedAccessToken;

  /**
   * The claims of a well-formed, correctly signed, unexpired token with a session id; null otherwise. Never throws.
   * Revocation is not the codec's business (Sessions checks it).
   */
  abstract verify(token: string): AccessTokenClaims | null;
}
