import { Query } from '@nestjs/cqrs';

/**
 * Seed 000's VerifyCredentials: empty email or password → invalid argument; unknown user or wrong password → false;
 * throttled like every password check (→ IDENTITY.TOO_MANY_ATTEMPTS). `clientIp`: whose attempt it is (see Credentials).
 */
export class VerifyCredentialsQuery extends Query<boolean> {
  constructor(
    readonly email: unknown,
    readonly password: unknown,
    readonly clientIp?: string,
  ) {
    super();
  }
}
