import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, isDomainError } from '@libs/kernel';
import { Email, IdentityErrorCode, PhoneNumber, checkPasswordPolicy, missingField, phoneTaken, splitFullName } from '../../../domain';
import { IssuedAccessToken, PasswordHasher, UserRepository } from '../../../ports';
import { IdentityMetrics, Sessions } from '../../services';
import { RegistrationThrottle } from '../../services/registration-throttle.service';
import type { PublicUser } from '../../views';
import { register } from '../register-user/register-user.handler';
import { RegisterPhoneUserCommand } from './register-phone-user.command';

/**
 * The account gets a placeholder email (`phone-<digits>@phone.junction.invalid`, never deliverable) because Junction's
 * account model requires one; the name is split into first/last name. The response carries an access token, like
 * seed 002's login, so its clients are signed in right away.
 */
@CommandHandler(RegisterPhoneUserCommand)
export class RegisterPhoneUserHandler implements ICommandHandler<RegisterPhoneUserCommand> {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly sessions: Sessions,
    private readonly metrics: IdentityMetrics,
    private readonly throttle: RegistrationThrottle,
  ) {}

  async execute({ input }: RegisterPhoneUserCommand): Promise<{ user: PublicUser; accessToken: IssuedAccessToken }> {
    try {
      const missing = (['name', 'phone_number', 'password'] as const).filter((f) => {
        const value = { name: input.name, phone_number: input.phoneNumber, password: input.password }[f];
        return value === undefined || value === null || value === '';
      });
      if (missing.length > 0) throw missingField(missing[0], `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`);
      const { firstName, lastName } = splitFullName(input.name);
      const phoneNumber = PhoneNumber.parse(input.phoneNumber);
      const password = checkPasswordPolicy(input.password);
      await this.throttle.admit(input.clientIp);
      // The placeholder email is derived from the phone number, so a taken placeholder means a taken phone number.
      const user = await register(this.users, this.hasher, this.clock, { email: Email.placeholderForPhone(phoneNumber.value), phoneNumber, firstName, lastName, password }).catch((error: unknown) => {
        throw isDomainError(error) && error.code === IdentityErrorCode.EmailTaken ? phoneTaken() : error;
      });
      this.metrics.registration('created');
      return { user: user.toPublic(), accessToken: this.sessions.accessTokenFor(user) };
    } catch (error) {
      if (isDomainError(error)) this.metrics.registration(error.category === 'conflict' ? 'conflict' : 'invalid');
      throw error;
    }
  }
}
