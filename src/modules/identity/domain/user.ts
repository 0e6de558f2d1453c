import { Email } from './email';
import { PhoneNumber } from './phone-number';

export interface UserProps {
  id: string;
  email: Email;
  phoneNumber: PhoneNumber | null;
  firstName: string;
  lastName: string;
  /** argon2id PHC string. Never leaves identity: not in responses, events or logs. */
  passwordHash: string;
  registeredAt: Date;
}

/** An account. Values are validated by their value objects before they get here. */
export class User {
  private constructor(private readonly props: UserProps) {}

  static register(props: UserProps): User {
    return new User({ ...props });
  }

  /** Rebuilds a stored account (repositories). */
  static restore(props: UserProps): User {
    return new User({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get email(): Email {
    return this.props.email;
  }
  get phoneNumber(): PhoneNumber | null {
    return this.props.phoneNumber;
  }
  get firstName(): string {
    return this.props.firstName;
  }
  get lastName(): string {
    return this.props.lastName;
  }
  get passwordHash(): string {
    return this.props.passwordHash;
  }
  get registeredAt(): Date {
    return new Date(this.props.registeredAt.getTime());
  }

  withPasswordHash(passwordHash: string): User {
    return new User({ ...this.props, passwordHash });
  }

  /** Roles come from policy (configured admin emails), not from the stored row. */
  rolesUnder(adminEmails: ReadonlySet<string>): string[] {
    return adminEmails.has(this.props.email.value) ? ['user', 'admin'] : ['user'];
  }

  /** Everything but the hash: what views are built from. */
  toPublic(): PublicUser {
    return {
      userId: this.props.id,
      email: this.props.email.value,
      phoneNumber: this.props.phoneNumber?.value ?? null,
      firstName: this.props.firstName,
      lastName: this.props.lastName,
      registeredAt: this.props.registeredAt.toISOString(),
    };
  }
}

export interface PublicUser {
  userId: string;
  email: string;
  phoneNumber: string | null;
  firstName: string;
  lastName: string;
  registeredAt: string;
}
