import { Injectable } from '@nestjs/common';
import type { User } from '../../domain';
import { PasswordHasher, UserRepository } from '../../ports';
import { guardStore } from './store-errors';

/**
 * Password checks with the same cost whether or not the account exists (an unknown account is checked against a dummy
 * hash), and a rehash when the stored hash was made under older parameters.
 */
@Injectable()
export class Credentials {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async check(user: User | null, password: string): Promise<boolean> {
    if (!user) {
      await this.hasher.verify(await this.dummy(), password);
      return false;
    }
    const ok = await this.hasher.verify(user.passwordHash, password);
    if (ok && this.hasher.needsRehash(user.passwordHash)) await this.rehash(user, password);
    return ok;
  }

  /** Computed once, under the current parameters, so it costs what a real account's check costs. */
  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(`timing-equaliser-${Math.random()}`).catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    return this.dummyHash;
  }

  private async rehash(user: User, password: string): Promise<void> {
    try {
      const fresh = await this.hasher.hash(password);
      await guardStore('user store', () => this.users.replacePasswordHash(user.id, user.passwordHash, fresh));
    } catch {
      // The login itself succeeded; the rehash is retried at the next one.
    }
  }
}
