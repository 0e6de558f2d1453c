import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { UserRepository } from '../../../ports';
import { Sessions, guardStore } from '../../services';
import type { Session } from '../../views';
import { RefreshSessionCommand } from './refresh-session.command';

/** Rotates a refresh token; the account must still exist (a deleted account's families are revoked). */
@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand, Session> {
  constructor(
    private readonly sessions: Sessions,
    private readonly users: UserRepository,
  ) {}

  execute({ refreshToken }: RefreshSessionCommand): Promise<Session> {
    return this.sessions.rotate(refreshToken, (userId) => guardStore('user store', () => this.users.findById(userId)));
  }
}
