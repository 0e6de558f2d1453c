import { Query } from '@nestjs/cqrs';

/** Seed 000's VerifyCredentials: empty email or password → invalid argument; unknown user or wrong password → false. */
export class VerifyCredentialsQuery extends Query<boolean> {
  constructor(
    readonly email: unknown,
    readonly password: unknown,
  ) {
    super();
  }
}
