/** What other modules may ask identity, synchronously. Implemented locally by identity, remotely over gRPC. */
export interface AuthenticatedUser {
  userId: string;
  email: string;
  roles: readonly string[];
}

export interface UserSummary {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
}

/** Who is presenting a password (identity throttles failures per account and client IP; ADR 0012). */
export interface CredentialsContext {
  /** The end client's IP as the caller's edge saw it. Omitted: identity counts the attempt under the calling peer. */
  clientIp?: string;
}

export abstract class IdentityFacade {
  /**
   * Seed 000's VerifyCredentials: false for an unknown user or a wrong password. Throttled like every login: a
   * throttled attempt rejects with `IDENTITY.TOO_MANY_ATTEMPTS` (category rate_limited, with retryAfterSeconds).
   */
  abstract verifyCredentials(email: string, password: string, context?: CredentialsContext): Promise<boolean>;
  abstract userExists(email: string): Promise<boolean>;
  /** The user behind a valid access token, or null when the token is invalid, expired or revoked (logout, deletion). */
  abstract verifyAccessToken(accessToken: string): Promise<AuthenticatedUser | null>;
  abstract getUser(userId: string): Promise<UserSummary | null>;
}
