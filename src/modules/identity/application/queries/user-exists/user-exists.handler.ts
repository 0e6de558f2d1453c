import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isDomainError } from '@libs/kernel';
import { Email, missingField } from '../../../domain';
import { UserRepository } from '../../../ports';
import { guardStore } from '../../services';
import { UserExistsQuery } from './user-exists.query';

@QueryHandler(UserExistsQuery)
export class UserExistsHandler implements IQueryHandler<UserExistsQuery, boolean> {
  constructor(private readonly users: UserRepository) {}

  async execute({ email: raw }: UserExistsQuery): Promise<boolean> {
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) throw missingField('email', 'email is required');
    let email: Email;
    try {
      email = Email.parse(raw);
    } catch (error) {
      if (isDomainError(error) && error.category === 'unprocessable') return false;
      throw error;
    }
    return (await guardStore('user store', () => this.users.findByEmail(email))) !== null;
  }
}
