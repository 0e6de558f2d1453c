import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AuthenticatedUser, IdentityFacade, UserSummary } from '@libs/contracts';
import { AccessTokenCodec } from '../ports';
import { GetUserByIdQuery } from './queries/get-user-by-id/get-user-by-id.query';
import { UserExistsQuery } from './queries/user-exists/user-exists.query';
import { VerifyCredentialsQuery } from './queries/verify-credentials/verify-credentials.query';

/**
 * identity's facade for modules in the same process (the gRPC IdentityService serves the same methods to others).
 * Access tokens are verified locally (signature + expiry, no store round trip): this is the hot path of every
 * authenticated request in the process.
 */
@Injectable()
export class LocalIdentityFacade extends IdentityFacade {
  constructor(
    private readonly queries: QueryBus,
    private readonly tokens: AccessTokenCodec,
  ) {
    super();
  }

  verifyCredentials(email: string, password: string): Promise<boolean> {
    return this.queries.execute(new VerifyCredentialsQuery(email, password));
  }

  userExists(email: string): Promise<boolean> {
    return this.queries.execute(new UserExistsQuery(email));
  }

  async verifyAccessToken(accessToken: string): Promise<AuthenticatedUser | null> {
    const claims = this.tokens.verify(accessToken);
    return claims ? { userId: claims.userId, email: claims.email, roles: claims.roles } : null;
  }

  async getUser(userId: string): Promise<UserSummary | null> {
    const user = await this.queries.execute(new GetUserByIdQuery(userId));
    return user ? { userId: user.userId, email: user.email, firstName: user.firstName, lastName: user.lastName } : null;
  }
}
