import { Client, loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { AuthenticatedUser, CredentialsContext, IdentityFacade, UserSummary } from './identity.facade';
import { callUnary } from './grpc-call';
import { protoPath } from './proto-path';
import type { RemoteFacadeTarget } from './facade-descriptor';

const ERROR_PREFIX = 'IDENTITY';

interface Wire {
  user_id: string;
  email: string;
  roles?: string[];
  first_name?: string;
  last_name?: string;
}

type Method = Parameters<typeof callUnary>[1];
type IdentityClient = Client & Record<'VerifyCredentials' | 'UserExists' | 'VerifyAccessToken' | 'GetUser', Method>;

/** IdentityFacade over gRPC (identity.v1.IdentityService), for processes that do not host identity. */
export class GrpcIdentityFacade extends IdentityFacade {
  private readonly client: IdentityClient;

  constructor(private readonly target: RemoteFacadeTarget) {
    super();
    const definition = loadSync(protoPath('identity/v1/identity.proto'), { keepCase: true, defaults: true });
    const pkg = loadPackageDefinition(definition) as unknown as { identity: { v1: { IdentityService: new (...a: unknown[]) => IdentityClient } } };
    this.client = new pkg.identity.v1.IdentityService(target.address, target.credentials);
  }

  async verifyCredentials(email: string, password: string, context: CredentialsContext = {}): Promise<boolean> {
    const res = await this.call<{ valid: boolean }>(this.client.VerifyCredentials, { email, password, client_ip: context.clientIp ?? '' });
    return res.valid;
  }

  async userExists(email: string): Promise<boolean> {
    const res = await this.call<{ exists: boolean }>(this.client.UserExists, { email });
    return res.exists;
  }

  async verifyAccessToken(accessToken: string): Promise<AuthenticatedUser | null> {
    const res = await this.call<{ valid: boolean; user?: Wire }>(this.client.VerifyAccessToken, { access_token: accessToken });
    if (!res.valid || !res.user) return null;
    return { userId: res.user.user_id, email: res.user.email, roles: res.user.roles ?? [] };
  }

  async getUser(userId: string): Promise<UserSummary | null> {
    const res = await this.call<{ found: boolean; user?: Wire }>(this.client.GetUser, { user_id: userId });
    if (!res.found || !res.user) return null;
    return { userId: res.user.user_id, email: res.user.email, firstName: res.user.first_name ?? '', lastName: res.user.last_name ?? '' };
  }

  close(): void {
    this.client.close();
  }

  private call<Res>(method: Method, request: unknown): Promise<Res> {
    return callUnary(this.client, method, request, this.target.deadlineMs, ERROR_PREFIX) as Promise<Res>;
  }
}
