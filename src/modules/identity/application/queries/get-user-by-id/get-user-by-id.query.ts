import { Query } from '@nestjs/cqrs';
import type { PublicUser, Requester } from '../../views';

/** Without a requester (the facade, other modules) the account is returned as is; null when unknown. */
export class GetUserByIdQuery extends Query<PublicUser | null> {
  constructor(
    readonly userId: unknown,
    readonly requester?: Requester,
  ) {
    super();
  }
}
