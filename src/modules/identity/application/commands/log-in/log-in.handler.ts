import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Email, PhoneNumber, User, invalidCredentials, missingField, requirePresentedPassword, userNotFound } from '../../../domain';
import { UserRepository } from '../../../ports';
import { Credentials, IdentityMetrics, LoginThrottle, Sessions, guardStore } from '../../services';
import type { Session } from '../../views';
import { LogInCommand } from './log-in.command';

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/**
 * Password login by email or phone number. Throttled per account and per IP before any password is checked; an
 * unknown account costs the same argon2 verification as a wrong password and gets the same 401.
 */
@CommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand, Session> {
  constructor(
    private readonly users: UserRepository,
    private readonly credentials: Credentials,
    private readonly throttle: LoginThrottle,
    private readonly sessions: Sessions,
    private readonly metrics: IdentityMetrics,
  ) {}

  async execute({ input }: LogInCommand): Promise<Session> {
    let account: string;
    let find: () => Promise<User | null>;
    if (present(input.email)) {
      const email = Email.parse(input.email);
      account = `email:${email.value}`;
      find = () => this.users.findByEmail(email);
    } else if (present(input.phoneNumber)) {
      const phone = PhoneNumber.parse(input.phoneNumber);
      account = `phone:${phone.value}`;
      find = () => this.users.findByPhone(phone);
    } else {
      throw missingField('email', 'email or phone_number is required');
    }
    const password = requirePresentedPassword(input.password);

    try {
      await this.throttle.assertAllowed(account, input.clientIp);
    } catch (error) {
      this.metrics.login('throttled');
      throw error;
    }
    const user = await guardStore('user store', find);
    if (!user && input.revealUnknownAccount) {
      await this.throttle.recordFailure(account, input.clientIp);
      this.metrics.login('failure');
      throw userNotFound();
    }
    if (!(await this.credentials.check(user, password)) || !user) {
      await this.throttle.recordFailure(account, input.clientIp);
      this.metrics.login('failure');
      throw invalidCredentials();
    }
    await this.throttle.recordSuccess(account);
    this.metrics.login('success');
    return this.sessions.open(user);
  }
}
