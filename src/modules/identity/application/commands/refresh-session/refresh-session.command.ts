import { Command } from '@nestjs/cqrs';
import type { Session } from '../../views';

export class RefreshSessionCommand extends Command<Session> {
  constructor(readonly refreshToken: unknown) {
    super();
  }
}
