import { Command } from '@nestjs/cqrs';
import type { IssuedAccessToken } from '../../../ports';
import type { PublicUser } from '../../views';

/** Seed 002's registration: a single `name`, a phone number, a password; no email. */
export class RegisterPhoneUserCommand extends Command<{ user: PublicUser; accessToken: IssuedAccessToken }> {
  constructor(readonly input: { name: unknown; phoneNumber: unknown; password: unknown; clientIp?: string }) {
    super();
  }
}
