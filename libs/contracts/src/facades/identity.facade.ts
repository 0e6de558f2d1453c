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

export abstract class IdentityFacade {
  /** Seed 000's VerifyCredentials: false for an unknown user or a wrong password. */
  abstract verifyCredentials(email: string, password: string): Promise<boolean>;
  abstract userExists(email: string): Promise<boolean>;
  /** The user behind a valid access token, or null when the token is invalid or expired. */
  abstract verifyAccessToken(accessToken: string): Promise<AuthenticatedUser | null>;
  abstract getUser(userId: string): Promise<UserSummary | null>;
}
