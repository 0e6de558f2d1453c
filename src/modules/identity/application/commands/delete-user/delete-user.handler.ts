import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { Email, invalidCredentials, requirePresentedPassword, userNotFound } from '../../../domain';
import { UserRepository } from '../../../ports';
import { userDeleted } from '../../identity-events';
import { Credentials, Sessions, guardStore } from '../../services';
import { DeleteUserCommand } from './delete-user.command';

/**
 * Checks the password (through Credentials, throttled like every password check), deletes the account with
 * identity.user-deleted.v1, and revokes its sessions: refresh families and the access tokens already issued.
 */
@CommandHandler(DeleteUserCommand)
export class DeleteUserHandler implements ICommandHandler<DeleteUserCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly credentials: Credentials,
    private readonly sessions: Sessions,
    private readonly clock: Clock,
  ) {}

  async execute({ input }: DeleteUserCommand): Promise<void> {
    const email = Email.parse(input.email);
    const password = requirePresentedPassword(input.password);
    const result = await this.credentials.verify({ account: { kind: 'email', identifier: email.value, find: () => this.users.findByEmail(email) }, password, clientIp: input.clientIp });
    if (!result.user) throw userNotFound();
    if (!result.valid) throw invalidCredentials();
    const user = result.user;
    const deleted = await guardStore('user store', () => this.users.delete(user.id, [userDeleted(user, this.clock.now())]));
    if (!deleted) throw userNotFound();
    await this.sessions.closeAllFor(user.id);
  }
}
