import { Clock } from '@libs/kernel';
import { RefreshTokenStore, RotationResult } from '../../../ports';

interface Family {
  userId: string;
  current: string;
  used: Set<string>;
  revoked: boolean;
  expiresAt: number;
}

/** Refresh-token families in a Map (ADAPTERS=memory). */
export class MemoryRefreshTokenStore extends RefreshTokenStore {
  private readonly families = new Map<string, Family>();

  constructor(private readonly clock: Clock) {
    super();
  }

  async createFamily(familyId: string, userId: string, tokenHash: string, ttlMs: number): Promise<void> {
    this.sweep();
    this.families.set(familyId, { userId, current: tokenHash, used: new Set(), revoked: false, expiresAt: this.now() + ttlMs });
  }

  async rotate(familyId: string, presentedHash: string, nextHash: string, ttlMs: number): Promise<RotationResult> {
    const family = this.live(familyId);
    if (!family || family.revoked) return { kind: 'invalid' };
    if (family.current === presentedHash) {
      family.used.add(presentedHash);
      family.current = nextHash;
      family.expiresAt = this.now() + ttlMs;
      return { kind: 'rotated', userId: family.userId };
    }
    if (family.used.has(presentedHash)) {
      family.revoked = true;
      return { kind: 'reused', userId: family.userId };
    }
    return { kind: 'invalid' };
  }

  async revoke(familyId: string, presentedHash: string): Promise<boolean> {
    const family = this.live(familyId);
    if (!family || (family.current !== presentedHash && !family.used.has(presentedHash))) return false;
    family.revoked = true;
    return true;
  }

  async revokeAllForUser(userId: string): Promise<void> {
    for (const family of this.families.values()) if (family.userId === userId) family.revoked = true;
  }

  private live(familyId: string): Family | undefined {
    const family = this.families.get(familyId);
    if (family && family.expiresAt <= this.now()) {
      this.families.delete(familyId);
      return undefined;
    }
    return family;
  }

  private sweep(): void {
    const now = this.now();
    if (this.families.size < 10_000) return;
    for (const [id, family] of this.families) if (family.expiresAt <= now) this.families.delete(id);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
