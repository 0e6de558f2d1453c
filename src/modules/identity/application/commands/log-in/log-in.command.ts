import { Command } from '@nestjs/cqrs';
import type { Session } from '../../views';

export class LogInCommand extends Command<Session> {
  constructor(
    readonly input: {
      email?: unknown;
      phoneNumber?: unknown;
      password: unknown;
      clientIp: string;
      /**
       * Seed 002's login answers 404 for an unknown phone number (its clients rely on it). Junction's own login never
       * does: unknown account and wrong password are the same 401.
       */
      revealUnknownAccount?: boolean;
    },
  ) {
    super();
  }
}
