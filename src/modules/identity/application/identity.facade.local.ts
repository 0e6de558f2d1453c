import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AuthenticatedUser, CredentialsContext, IdentityFacade, UserSummary } from '@libs/contracts';
import { GetUserByIdQuery } from './queries/get-user-by-id/get-user-by-id.query';
import { UserExistsQuery } from './queries/user-exists/user-exists.query';
import { VerifyCredentialsQuery } from './queries/verify-credentials/verify-credentials.query';
import { Sessions } from './services';

/**
 * identity's facade for modules in the same process (the gRPC IdentityService serves the same methods to others).
 * Access tokens are verified locally (signature + expiry) and checked against session revocations through a short
 * local cache (TokenRevocations): this is the hot path of every authenticated request in the process.
 */
@Injectable()
export class LocalIdentityFacade extends IdentityFacade {
  constructor(
    private readonly queries: QueryBus,
    private readonly sessions: Sessions,
  ) {
    super();
  }

  verifyCredentials(email: string, password: string, context: CredentialsContext = {}): Promise<boolean> {
    return this.queries.execute(new VerifyCredentialsQuery(email, password, context.clientIp));
  }

  userExists(email: string): Promise<boolean> {
    return this.queries.execute(new UserExistsQuery(email));
  }

  async verifyAccessToken(accessToken: string): Promise<AuthenticatedUser | null> {
    const claims = await this.sessions.verifyAccessToken(accessToken);
    return claims ? { userId: claims.userId, email: claims.email, roles: claims.roles } : null;
  }

  async getUser(userId: string): Promise<UserSummary | null> {
    const user = await this.queries.execute(new GetUserByIdQuery(userId));
    return user ? { userId: user.userId, email: user.email, firstName: user.firstName, lastName: user.lastName } : null;
  }
}
