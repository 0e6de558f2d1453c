import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Sessions } from '../../services';
import { LogOutCommand } from './log-out.command';

/** Revokes the refresh token's family; access tokens already issued expire on their own (≤ their TTL). */
@CommandHandler(LogOutCommand)
export class LogOutHandler implements ICommandHandler<LogOutCommand> {
  constructor(private readonly sessions: Sessions) {}

  execute({ refreshToken }: LogOutCommand): Promise<void> {
    return this.sessions.close(refreshToken);
  }
}
