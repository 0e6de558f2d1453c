import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { Email, invalidCredentials, requirePresentedPassword, userNotFound } from '../../../domain';
import { UserRepository } from '../../../ports';
import { userDeleted } from '../../identity-events';
import { Credentials, LoginThrottle, Sessions, guardStore } from '../../services';
import { DeleteUserCommand } from './delete-user.command';

/** Checks the password (throttled like logins), deletes the account with identity.user-deleted.v1, revokes its sessions. */
@CommandHandler(DeleteUserCommand)
export class DeleteUserHandler implements ICommandHandler<DeleteUserCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly credentials: Credentials,
    private readonly throttle: LoginThrottle,
    private readonly sessions: Sessions,
    private readonly clock: Clock,
  ) {}

  async execute({ input }: DeleteUserCommand): Promise<void> {
    const email = Email.parse(input.email);
    const password = requirePresentedPassword(input.password);
    const account = `email:${email.value}`;
    await this.throttle.assertAllowed(account, input.clientIp);
    const user = await guardStore('user store', () => this.users.findByEmail(email));
    if (!user) throw userNotFound();
    if (!(await this.credentials.check(user, password))) {
      await this.throttle.recordFailure(account, input.clientIp);
      throw invalidCredentials();
    }
    const deleted = await guardStore('user store', () => this.users.delete(user.id, [userDeleted(user, this.clock.now())]));
    if (!deleted) throw userNotFound();
    await this.throttle.recordSuccess(account);
    await this.sessions.closeAllFor(user.id);
  }
}
