import { Command } from '@nestjs/cqrs';

/** DELETE /users/{email} with `{password}`: the password is the credential (seed 000's clients send no token). */
export class DeleteUserCommand extends Command<void> {
  constructor(readonly input: { email: unknown; password: unknown; clientIp: string }) {
    super();
  }
}
