import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { IdentityFacade } from '@libs/contracts';
import { forwardedIp, peerIp } from './peer-address';

/**
 * `identity.v1.IdentityService` (proto/identity/v1/identity.proto): the IdentityFacade for modules in other processes
 * (their GrpcIdentityFacade calls this). It delegates to the local facade, so both paths behave the same.
 */
@Controller()
export class IdentityServiceGrpcController {
  constructor(private readonly facade: IdentityFacade) {}

  @GrpcMethod('IdentityService', 'VerifyCredentials')
  /** `client_ip`: the end client as the calling process saw it (ADR 0012); without it, the peer's address counts. */
  async verifyCredentials(request: { email?: string; password?: string; client_ip?: string }, _metadata: unknown, call: unknown): Promise<{ valid: boolean }> {
    const clientIp = forwardedIp(request.client_ip) ?? peerIp(call);
    return { valid: await this.facade.verifyCredentials(request.email ?? '', request.password ?? '', { clientIp }) };
  }

  @GrpcMethod('IdentityService', 'UserExists')
  async userExists(request: { email?: string }): Promise<{ exists: boolean }> {
    return { exists: await this.facade.userExists(request.email ?? '') };
  }

  @GrpcMethod('IdentityService', 'VerifyAccessToken')
  async verifyAccessToken(request: { access_token?: string }): Promise<{ valid: boolean; user?: { user_id: string; email: string; roles: string[] } }> {
    const user = await this.facade.verifyAccessToken(request.access_token ?? '');
    return user ? { valid: true, user: { user_id: user.userId, email: user.email, roles: [...user.roles] } } : { valid: false };
  }

  @GrpcMethod('IdentityService', 'GetUser')
  async getUser(request: { user_id?: string }): Promise<{ found: boolean; user?: { user_id: string; email: string; first_name: string; last_name: string } }> {
    const user = await this.facade.getUser(request.user_id ?? '');
    return user ? { found: true, user: { user_id: user.userId, email: user.email, first_name: user.firstName, last_name: user.lastName } } : { found: false };
  }
}
