import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock, isDomainError, newId } from '@libs/kernel';
import { Email, PhoneNumber, User, checkPasswordPolicy, emailTaken, parsePersonName, phoneTaken } from '../../../domain';
import { PasswordHasher, UserRepository } from '../../../ports';
import { userRegistered } from '../../identity-events';
import { IdentityMetrics, guardStore } from '../../services';
import { RegistrationThrottle } from '../../services/registration-throttle.service';
import type { PublicUser } from '../../views';
import { RegisterUserCommand } from './register-user.command';

/** Validates every field (all problems of one field at a time, cheapest first), hashes, stores + outbox in one go. */
@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand, PublicUser> {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly metrics: IdentityMetrics,
    private readonly throttle: RegistrationThrottle,
  ) {}

  async execute({ input }: RegisterUserCommand): Promise<PublicUser> {
    try {
      const email = Email.parse(input.email);
      const firstName = parsePersonName(input.firstName, 'first_name');
      const lastName = parsePersonName(input.lastName, 'last_name');
      const phoneNumber = PhoneNumber.parseOptional(input.phoneNumber);
      const password = checkPasswordPolicy(input.password, { email: email.value });
      await this.throttle.admit(input.clientIp);
      return await register(this.users, this.hasher, this.clock, { email, phoneNumber, firstName, lastName, password }).then((user) => {
        this.metrics.registration('created');
        return user.toPublic();
      });
    } catch (error) {
      if (isDomainError(error)) this.metrics.registration(error.category === 'conflict' ? 'conflict' : 'invalid');
      throw error;
    }
  }
}

/** Shared by both registration routes: fail fast on a taken email/phone before paying for a hash, then insert. */
export async function register(
  users: UserRepository,
  hasher: PasswordHasher,
  clock: Clock,
  fields: { email: Email; phoneNumber: PhoneNumber | null; firstName: string; lastName: string; password: string },
): Promise<User> {
  const [byEmail, byPhone] = await guardStore('user store', () =>
    Promise.all([users.findByEmail(fields.email), fields.phoneNumber ? users.findByPhone(fields.phoneNumber) : Promise.resolve(null)]),
  );
  if (byEmail) throw emailTaken();
  if (byPhone) throw phoneTaken();
  const user = User.register({
    id: newId(),
    email: fields.email,
    phoneNumber: fields.phoneNumber,
    firstName: fields.firstName,
    lastName: fields.lastName,
    passwordHash: await hasher.hash(fields.password),
    registeredAt: clock.now(),
  });
  await guardStore('user store', () => users.insert(user, [userRegistered(user)]));
  return user;
}
