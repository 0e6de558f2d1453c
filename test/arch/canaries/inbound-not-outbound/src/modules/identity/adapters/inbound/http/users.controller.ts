// Allowed: inbound adapters call the application layer.
import { RegisterUserHandler } from '../../../application/register-user.handler';
// VIOLATION (inbound-not-outbound): the controller skips the use case and talks to the store.
import { PostgresUserStore } from '../../outbound/postgres/postgres-user-store';

export class UsersController {
  constructor(readonly handler: RegisterUserHandler, readonly store: PostgresUserStore) {}
}
