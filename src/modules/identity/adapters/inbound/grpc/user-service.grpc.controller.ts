import { Controller } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
import { UserExistsQuery } from '../../../application/queries/user-exists/user-exists.query';
import { VerifyCredentialsQuery } from '../../../application/queries/verify-credentials/verify-credentials.query';
import { peerIp } from './peer-address';

/**
 * `user.UserService` (proto/user/user.proto), wire-compatible with seed 000. Errors are DomainErrors mapped once by the
 * platform's GrpcErrorFilter (missing fields → INVALID_ARGUMENT, store down → UNAVAILABLE, throttled →
 * RESOURCE_EXHAUSTED). The seed's request has no client-IP field, so failed attempts count under the peer's address.
 */
@Controller()
export class UserServiceGrpcController {
  constructor(private readonly queries: QueryBus) {}

  @GrpcMethod('UserService', 'VerifyCredentials')
  async verifyCredentials(request: { email?: string; password?: string }, _metadata: unknown, call: unknown): Promise<{ valid: boolean }> {
    return { valid: await this.queries.execute(new VerifyCredentialsQuery(request.email, request.password, peerIp(call))) };
  }

  @GrpcMethod('UserService', 'CheckUserExistence')
  async checkUserExistence(request: { email?: string }): Promise<{ exists: boolean }> {
    return { exists: await this.queries.execute(new UserExistsQuery(request.email)) };
  }
}
