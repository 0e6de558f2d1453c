import { joinPersonName } from '../../../domain';
import type { PublicUser, Session } from '../../../application/views';
import type { SeedUserView, SessionView, UserView } from './dto';

export function userView(user: PublicUser): UserView {
  return {
    user_id: user.userId,
    email: user.email,
    phone_number: user.phoneNumber,
    first_name: user.firstName,
    last_name: user.lastName,
    registered_at: user.registeredAt,
  };
}

export function sessionView(session: Session): SessionView {
  return {
    access_token: session.accessToken,
    refresh_token: session.refreshToken,
    token_type: session.tokenType,
    expires_in: session.expiresInSeconds,
    user: userView(session.user),
  };
}

export function seedUserView(user: PublicUser): SeedUserView {
  return { id: user.userId, name: joinPersonName(user.firstName, user.lastName), phone_number: user.phoneNumber ?? '' };
}
