import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isDomainError } from '@libs/kernel';
import { Email, missingField } from '../../../domain';
import { UserRepository } from '../../../ports';
import { Credentials, guardStore } from '../../services';
import { VerifyCredentialsQuery } from './verify-credentials.query';

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

@QueryHandler(VerifyCredentialsQuery)
export class VerifyCredentialsHandler implements IQueryHandler<VerifyCredentialsQuery, boolean> {
  constructor(
    private readonly users: UserRepository,
    private readonly credentials: Credentials,
  ) {}

  async execute({ email: rawEmail, password }: VerifyCredentialsQuery): Promise<boolean> {
    if (blank(rawEmail)) throw missingField('email', 'email is required');
    if (blank(password) || typeof password !== 'string') throw missingField('password', 'password is required');
    let email: Email;
    try {
      email = Email.parse(rawEmail);
    } catch (error) {
      // A malformed address names no account: same answer (and cost) as an unknown one.
      if (isDomainError(error) && error.category === 'unprocessable') return this.credentials.check(null, password);
      throw error;
    }
    const user = await guardStore('user store', () => this.users.findByEmail(email));
    return this.credentials.check(user, password);
  }
}
