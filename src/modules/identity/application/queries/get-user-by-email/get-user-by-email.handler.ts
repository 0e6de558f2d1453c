import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Email, userNotFound } from '../../../domain';
import { UserRepository } from '../../../ports';
import { guardStore } from '../../services';
import type { PublicUser } from '../../views';
import { assertMayRead } from '../authorization';
import { GetUserByEmailQuery } from './get-user-by-email.query';

/** Authorisation comes first, so a non-admin learns nothing about other accounts (403, never 404). */
@QueryHandler(GetUserByEmailQuery)
export class GetUserByEmailHandler implements IQueryHandler<GetUserByEmailQuery, PublicUser> {
  constructor(private readonly users: UserRepository) {}

  async execute({ email: raw, requester }: GetUserByEmailQuery): Promise<PublicUser> {
    const email = Email.parse(raw);
    assertMayRead(requester, { email: email.value });
    const user = await guardStore('user store', () => this.users.findByEmail(email));
    if (!user) throw userNotFound();
    return user.toPublic();
  }
}
