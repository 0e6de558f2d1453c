import type { PublicUser, Session } from '../../../application/views';
import { CARD_FIELDS } from './dto';
import type { RegisteredUserView, SessionView, UserEnvelope, UserView } from './dto';

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

export function userEnvelope(user: PublicUser): UserEnvelope {
  return { user: userView(user) };
}

/** `POST /users`: the account, and which card fields (names only, never values) were discarded. */
export function registeredUserView(user: PublicUser, body: Record<string, unknown>): RegisteredUserView {
  const ignored = CARD_FIELDS.filter((field) => body[field] !== undefined);
  if (ignored.length === 0) return userEnvelope(user);
  return { ...userEnvelope(user), ignored_fields: ignored, notice: `Payment card data is not stored: ${ignored.join(', ')} ${ignored.length === 1 ? 'was' : 'were'} discarded` };
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
