import { Query } from '@nestjs/cqrs';
import type { PublicUser, Requester } from '../../views';

export class GetUserByEmailQuery extends Query<PublicUser> {
  constructor(
    readonly email: unknown,
    readonly requester: Requester,
  ) {
    super();
  }
}
