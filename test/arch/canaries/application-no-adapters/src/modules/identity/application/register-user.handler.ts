// Allowed: the port (an abstract class).
import { UserStore } from '../ports/user-store';
// VIOLATION (application-no-adapters): a use case names a concrete adapter.
import { MemoryUserStore } from '../adapters/outbound/memory/memory-user-store';

export class RegisterUserHandler {
  constructor(readonly users: UserStore = new MemoryUserStore()) {}
}
