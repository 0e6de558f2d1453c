import * as argon2 from 'argon2';
import { DomainError } from '@libs/kernel';
import { IdentityErrorCode } from '../../../domain';
import { PasswordHasher } from '../../../ports';

export interface Argon2Parameters {
  /** KiB. OWASP minimum for argon2id: 19456 (19 MiB). */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet, argon2id option 5: m=19 MiB, t=2, p=1. */
export const OWASP_ARGON2ID: Argon2Parameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface Argon2HasherOptions {
  parameters?: Argon2Parameters;
  /** Hashes computed at once (each takes a libuv thread and a core for ~26 ms). */
  maxConcurrent: number;
  /** Hashes allowed to wait for a slot; beyond that the caller gets IDENTITY.OVERLOADED (503 + Retry-After). */
  maxQueued: number;
  /** Observes each hash/verify duration in seconds (metrics). */
  onDuration?: (operation: 'hash' | 'verify', seconds: number) => void;
  onShed?: () => void;
}

// Parameter order differs between argon2 implementations (`m=…,t=…,p=…` or `m=…,p=…,t=…`).
const PHC_ARGON2ID = /^\$argon2id\$v=19\$[mtp]=\d{1,10},[mtp]=\d{1,10},[mtp]=\d{1,10}\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/**
 * argon2id in PHC string form. CPU-bound work goes through a bulkhead: a fixed number of hashes run at once and a
 * bounded number wait; past that, requests are shed with a retryable 503 instead of queueing without bound (so latency
 * stays bounded when registrations or logins exceed what the cores can hash).
 */
export class Argon2PasswordHasher extends PasswordHasher {
  readonly parameters: Argon2Parameters;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: Argon2HasherOptions) {
    super();
    this.parameters = options.parameters ?? OWASP_ARGON2ID;
  }

  hash(plain: string): Promise<string> {
    return this.limited('hash', () => argon2.hash(plain, { type: argon2.argon2id, ...this.parameters }));
  }

  async verify(hash: string, plain: string): Promise<boolean> {
    if (!PHC_ARGON2ID.test(hash)) return false;
    try {
      return await this.limited('verify', () => argon2.verify(hash, plain));
    } catch (error) {
      if (error instanceof DomainError) throw error;
      return false;
    }
  }

  needsRehash(hash: string): boolean {
    if (!PHC_ARGON2ID.test(hash)) return true;
    try {
      return argon2.needsRehash(hash, { ...this.parameters, version: 0x13 });
    } catch {
      return true;
    }
  }

  /** Hashes running and waiting (metrics, tests). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async limited<T>(operation: 'hash' | 'verify', work: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.maxConcurrent) {
      if (this.waiting.length >= this.options.maxQueued) {
        this.options.onShed?.();
        throw new DomainError(IdentityErrorCode.Overloaded, 'unavailable', 'too many password checks in progress; retry shortly', { retryAfterSeconds: 1 });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.options.onDuration?.(operation, (performance.now() - started) / 1000);
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays put.
      if (next) next();
      else this.running--;
    }
  }
}
