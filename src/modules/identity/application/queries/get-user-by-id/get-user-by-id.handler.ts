import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { isUuid } from '@libs/kernel';
import { UserRepository } from '../../../ports';
import { guardStore } from '../../services';
import type { PublicUser } from '../../views';
import { assertMayRead } from '../authorization';
import { GetUserByIdQuery } from './get-user-by-id.query';

@QueryHandler(GetUserByIdQuery)
export class GetUserByIdHandler implements IQueryHandler<GetUserByIdQuery, PublicUser | null> {
  constructor(private readonly users: UserRepository) {}

  async execute({ userId, requester }: GetUserByIdQuery): Promise<PublicUser | null> {
    if (requester) assertMayRead(requester, { userId: typeof userId === 'string' ? userId : undefined });
    if (!isUuid(userId)) return null;
    const user = await guardStore('user store', () => this.users.findById(userId));
    return user?.toPublic() ?? null;
  }
}
