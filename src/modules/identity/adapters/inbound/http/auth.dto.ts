import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiClosedSchema } from '@libs/platform';
import { IsDefined, IsOptional, IsString, MaxLength } from 'class-validator';
import { EMAIL_PROPERTY, PHONE_PROPERTY } from './schema-patterns';

// Bodies of /auth/*: strictBody refuses unknown properties (400), so the schemas are closed. Types and presence are
// checked by class-validator (400); email and phone syntax by the domain (422) — the schema states both.

/**
 * One of email or phone_number identifies the account: a non-empty email wins (phone_number is then not read); an
 * absent or empty one leaves it to phone_number.
 */
@ApiClosedSchema({
  anyOf: [
    { required: ['email'], properties: { email: EMAIL_PROPERTY } },
    { required: ['phone_number'], properties: { email: { maxLength: 0 }, phone_number: PHONE_PROPERTY } },
  ],
})
export class LoginDto {
  @ApiPropertyOptional({ type: String, maxLength: 320, nullable: true, example: 'ada@example.com', description: 'email or phone_number (see the anyOf); null is absent' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ type: String, maxLength: 64, nullable: true, example: '+447946000958', description: 'email or phone_number (see the anyOf); null is absent' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  phone_number?: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password', minLength: 1, maxLength: 1024 })
  @IsDefined()
  @IsString()
  @MaxLength(1024)
  password!: string;
}

@ApiClosedSchema()
export class RefreshTokenDto {
  @ApiProperty({ example: '3f0c2b9e-8a41-4c4e-9d1f-6c2b7a5e9d10.Xk1…', description: 'The opaque refresh token from login or the previous refresh', minLength: 1, maxLength: 256 })
  @IsDefined()
  @IsString()
  @MaxLength(256)
  refresh_token!: string;
}
