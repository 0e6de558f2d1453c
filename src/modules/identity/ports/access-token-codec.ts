export interface AccessTokenClaims {
  userId: string;
  email: string;
  roles: readonly string[];
}

export interface IssuedAccessToken {
  token: string;
  expiresInSeconds: number;
}

/** Signs and verifies short-lived access tokens (JWT). Verification is local: no store round trip. */
export abstract class AccessTokenCodec {
  abstract issue(claims: AccessTokenClaims): IssuedAccessToken;

  /** The claims of a well-formed, correctly signed, unexpired token; null otherwise. Never throws. */
  abstract verify(token: string): AccessTokenClaims | null;
}
