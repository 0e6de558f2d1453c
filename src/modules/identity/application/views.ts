import type { PublicUser } from '../domain';

export type { PublicUser };

/** What a successful login or refresh hands out. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresInSeconds: number;
  user: PublicUser;
}

/** Who is calling (from the access token the platform's AuthGuard verified). */
export interface Requester {
  userId: string;
  email: string;
  roles: readonly string[];
}

/** Login identifiers: exactly one of them. */
export type LoginIdentifier = { email: string } | { phoneNumber: string };
