import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isDomainError } from '@libs/kernel';
import { Email, missingField } from '../../../domain';
import { UserRepository } from '../../../ports';
import { Credentials, PresentedAccount } from '../../services';
import { VerifyCredentialsQuery } from './verify-credentials.query';

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Through Credentials, so gRPC callers and flights' email/password headers share the logins' throttle and lock state. */
@QueryHandler(VerifyCredentialsQuery)
export class VerifyCredentialsHandler implements IQueryHandler<VerifyCredentialsQuery, boolean> {
  constructor(
    private readonly users: UserRepository,
    private readonly credentials: Credentials,
  ) {}

  async execute({ email: rawEmail, password, clientIp }: VerifyCredentialsQuery): Promise<boolean> {
    if (blank(rawEmail)) throw missingField('email', 'email is required');
    if (blank(password) || typeof password !== 'string') throw missingField('password', 'password is required');
    let account: PresentedAccount;
    try {
      const email = Email.parse(rawEmail);
      account = { kind: 'email', identifier: email.value, find: () => this.users.findByEmail(email) };
    } catch (error) {
      // A malformed address names no account: same answer (and cost) as an unknown one.
      if (!(isDomainError(error) && error.category === 'unprocessable')) throw error;
      account = { kind: 'malformed', identifier: String(rawEmail).slice(0, 320) };
    }
    return (await this.credentials.verify({ account, password, clientIp })).valid;
  }
}
