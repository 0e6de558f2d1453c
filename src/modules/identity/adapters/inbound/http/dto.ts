import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiClosedSchema } from '@libs/platform';
import { EMAIL_PROPERTY, NAME_PROPERTY, NEW_PASSWORD_PROPERTY, OPTIONAL_PHONE_PROPERTY, PHONE_PROPERTY } from './schema-patterns';

// Types and presence are checked here (400 naming the field); meaning — email syntax, password policy, names — by the
// domain (422 naming the field). Generous length caps stop hostile input before any work is done.

// The schemas state both (schema-patterns.ts), and bodies validated by strictBody are closed (unknown fields are 400).

@ApiClosedSchema()
export class RegisterUserDto {
  @ApiProperty({ ...EMAIL_PROPERTY, example: 'ada@example.com', description: 'Trimmed and lowercased; unique' })
  @IsDefined()
  @IsString()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ ...NEW_PASSWORD_PROPERTY, example: 'correct horse battery staple', description: '8–128 characters, not a well-known password and not your email (422 otherwise); never returned or logged' })
  @IsDefined()
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ ...NAME_PROPERTY, example: 'Ada', description: 'Letters (any script), digits, spaces and \' - . , with at least one letter — 1 to 100 characters' })
  @IsDefined()
  @IsString()
  @MaxLength(400)
  first_name!: string;

  @ApiProperty({ ...NAME_PROPERTY, example: 'Lovelace' })
  @IsDefined()
  @IsString()
  @MaxLength(400)
  last_name!: string;

  @ApiPropertyOptional({ ...OPTIONAL_PHONE_PROPERTY, example: '+447946000958', description: 'Optional (null or empty: none), unique: an optional + then 6–15 digits (spaces, dashes, dots, parentheses are removed)', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  phone_number?: string | null;

  // Seed 000's clients (its demo walkthrough) send card fields. They are accepted and discarded: never stored, never
  // echoed, never logged; the response says so (`ignored_fields`, `notice`).
  @ApiPropertyOptional({ example: '1234567812345678', description: 'Accepted for seed 000 clients and discarded (never stored or returned); the response lists it in ignored_fields', type: String, maxLength: 64, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  card_number?: string;

  @ApiPropertyOptional({ example: '12/30', description: 'Accepted for seed 000 clients and discarded (never stored or returned)', type: String, maxLength: 16, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  expiration_date?: string;

  @ApiPropertyOptional({ example: '123', description: 'Accepted for seed 000 clients and discarded (never stored or returned)', type: String, maxLength: 8, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  cvv?: string;
}

/** The payment card fields seed 000's registration took; Junction discards them. */
export const CARD_FIELDS = ['card_number', 'expiration_date', 'cvv'] as const;

@ApiClosedSchema()
export class DeleteUserDto {
  @ApiProperty({ example: 'correct horse battery staple', format: 'password', minLength: 1, maxLength: 1024 })
  @IsDefined()
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid', example: '0b7e7d0e-3c1a-4f5e-9d7a-2f0c7d1b9e11' }) user_id!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: '+447946000958', nullable: true, type: String }) phone_number!: string | null;
  @ApiProperty({ example: 'Ada' }) first_name!: string;
  @ApiProperty({ example: 'Lovelace' }) last_name!: string;
  @ApiProperty({ format: 'date-time', example: '2026-01-02T03:04:05.678Z' }) registered_at!: string;
}

/** Seed 000's envelope (`{user: {...}}`), which `POST /users` and `GET /users/{email}` keep. */
export class UserEnvelope {
  @ApiProperty({ type: UserView }) user!: UserView;
}

export class RegisteredUserView extends UserEnvelope {
  @ApiPropertyOptional({
    type: [String],
    enum: [...CARD_FIELDS],
    example: ['card_number', 'expiration_date', 'cvv'],
    description: 'Present when the request carried payment card fields: they were discarded, not stored',
  })
  ignored_fields?: string[];

  @ApiPropertyOptional({ example: 'Payment card data is not stored: card_number, expiration_date, cvv were discarded' })
  notice?: string;
}

export class SessionView {
  @ApiProperty({ description: 'JWT (HS256), valid for expires_in seconds' }) access_token!: string;
  @ApiProperty({ description: 'Opaque; rotates on every refresh; a reused one revokes the whole session family' }) refresh_token!: string;
  @ApiProperty({ example: 'Bearer' }) token_type!: 'Bearer';
  @ApiProperty({ example: 900 }) expires_in!: number;
  @ApiProperty({ type: UserView }) user!: UserView;
}

// Seed 002 (auth-service) compatibility request bodies; its answers are in seed-users.dto.ts.

// Seed 002's routes read their fields without class-validator (unknown fields are ignored): open schemas.
export class SeedRegisterDto {
  @ApiProperty({ ...NAME_PROPERTY, example: 'Ada Lovelace' }) name!: string;
  @ApiProperty({ ...PHONE_PROPERTY, example: '01712345678' }) phone_number!: string;
  @ApiProperty({ ...NEW_PASSWORD_PROPERTY, example: 'correct horse battery staple' }) password!: string;
}

export class SeedLoginDto {
  @ApiProperty({ ...PHONE_PROPERTY, example: '01712345678' }) phone_number!: string;
  @ApiProperty({ example: 'correct horse battery staple', format: 'password', minLength: 1 }) password!: string;
}
