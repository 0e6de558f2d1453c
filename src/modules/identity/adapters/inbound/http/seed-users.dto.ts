import { ApiProperty } from '@nestjs/swagger';
import { joinPersonName } from '../../../domain';
import type { PublicUser } from '../../../application/views';

/**
 * Seed 002 (auth-service) wire shapes. Its user row was `{user_id, name, phone_number, password, createdat}`; Junction
 * sends the same fields except the password hash (never returned).
 */
export class Seed002User {
  @ApiProperty({ format: 'uuid', example: '6037e588-7da9-4422-8bfc-d780eb7d39e0', description: 'The same user id as on Junction routes (the original frontend books with user.user_id)' })
  user_id!: string;

  @ApiProperty({ example: 'Jon Snow' }) name!: string;
  @ApiProperty({ example: '01827216261' }) phone_number!: string;
  @ApiProperty({ format: 'date-time', example: '2024-10-24T11:36:29.612Z', description: 'Registration time (the original column name, createdat)' }) createdat!: string;
}

export class Seed002Session {
  @ApiProperty({ type: Seed002User }) user!: Seed002User;
  @ApiProperty({ description: 'JWT access token (send as Authorization: Bearer <webToken>); 15 minutes, not the original 10 days', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.sig' }) webToken!: string;
}

/** Register: the original answered `{name, webToken}` (its docs showed `{user, webToken}`); both are sent. */
export class Seed002Registered extends Seed002Session {
  @ApiProperty({ example: 'Jon Snow', description: "The new account's name, top-level as the original's register answered" }) name!: string;
}

export class Seed002UserEnvelope {
  @ApiProperty({ type: Seed002User }) user!: Seed002User;
}

export function seed002User(user: PublicUser): Seed002User {
  return { user_id: user.userId, name: joinPersonName(user.firstName, user.lastName), phone_number: user.phoneNumber ?? '', createdat: user.registeredAt };
}
