import { Query } from '@nestjs/cqrs';

/** Seed 000's CheckUserExistence. */
export class UserExistsQuery extends Query<boolean> {
  constructor(readonly email: unknown) {
    super();
  }
}
