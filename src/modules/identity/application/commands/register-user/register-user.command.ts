import { Command } from '@nestjs/cqrs';
import type { PublicUser } from '../../views';

/** Fields exactly as received (validated by the handler through the domain's value objects). */
export class RegisterUserCommand extends Command<PublicUser> {
  constructor(
    readonly input: {
      email: unknown;
      password: unknown;
      firstName: unknown;
      lastName: unknown;
      phoneNumber?: unknown;
      /** The network client's address (counted against the per-IP registration limit); absent for internal callers. */
      clientIp?: string;
    },
  ) {
    super();
  }
}
