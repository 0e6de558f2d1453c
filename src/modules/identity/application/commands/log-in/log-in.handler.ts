import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Email, PhoneNumber, invalidCredentials, missingField, requirePresentedPassword, userNotFound } from '../../../domain';
import { UserRepository } from '../../../ports';
import { Credentials, PresentedAccount, Sessions } from '../../services';
import type { Session } from '../../views';
import { LogInCommand } from './log-in.command';

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/**
 * Password login by email or phone number, through Credentials (the one throttled password check): an unknown account
 * costs the same argon2 verification as a wrong password and gets the same 401.
 */
@CommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand, Session> {
  constructor(
    private readonly users: UserRepository,
    private readonly credentials: Credentials,
    private readonly sessions: Sessions,
  ) {}

  async execute({ input }: LogInCommand): Promise<Session> {
    let account: PresentedAccount;
    if (present(input.email)) {
      const email = Email.parse(input.email);
      account = { kind: 'email', identifier: email.value, find: () => this.users.findByEmail(email) };
    } else if (present(input.phoneNumber)) {
      const phone = PhoneNumber.parse(input.phoneNumber);
      account = { kind: 'phone', identifier: phone.value, find: () => this.users.findByPhone(phone) };
    } else {
      throw missingField('email', 'email or phone_number is required');
    }
    const password = requirePresentedPassword(input.password);
    const result = await this.credentials.verify({ account, password, clientIp: input.clientIp });
    if (!result.valid) throw !result.user && input.revealUnknownAccount ? userNotFound() : invalidCredentials();
    return this.sessions.open(result.user);
  }
}
