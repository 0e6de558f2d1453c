import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { DomainError } from '@libs/kernel';
import { IdentityErrorCode } from '../../domain';
import { IdempotencyStore, StoredResponse } from '../../ports';
import { IDENTITY_SETTINGS, IdentitySettings } from '../identity-settings';
import { canonicalJson } from './canonical-json';
import { guardStore } from './store-errors';

/** What scopes an idempotency key: who (client IP), what (method + path) and which attempt (request id). */
export interface IdempotencyScope {
  clientIp: string;
  method: string;
  path: string;
  requestId: string;
}

export interface AtMostOnceOutcome {
  response: StoredResponse;
  /** True when this is the stored response of an earlier request with the same key. */
  replayed: boolean;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export { canonicalJson } from './canonical-json';

/**
 * At-most-once execution of a request (seed 000's idempotency keys, fixed): the key is scoped by sha256(client IP),
 * method, path and request id; the first request holds it PROCESSING for a short lease, a success is stored as
 * COMPLETED for 24 h and replayed byte for byte, and any failure releases the key so the client may retry.
 */
@Injectable()
export class AtMostOnce {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  key(scope: IdempotencyScope): string {
    // The IP is hashed on its own first, so the stored key never holds a client address, even inside a hash input.
    return `identity:idem:v1:${sha256(JSON.stringify([sha256(scope.clientIp), scope.method.toUpperCase(), scope.path, scope.requestId]))}`;
  }

  /** Keyed, because bodies hold passwords and the fingerprint is stored next to the response for 24 h. */
  fingerprint(body: unknown): string {
    return createHmac('sha256', this.settings.fingerprintKey).update(canonicalJson(body), 'utf8').digest('hex');
  }

  async run(scope: IdempotencyScope, body: unknown, work: () => Promise<StoredResponse>): Promise<AtMostOnceOutcome> {
    const key = this.key(scope);
    const fingerprint = this.fingerprint(body);
    const claim = await guardStore('idempotency store', () => this.store.claim(key, fingerprint, this.settings.idempotencyLeaseSeconds * 1000));
    switch (claim.kind) {
      case 'replay':
        return { response: claim.response, replayed: true };
      case 'mismatch':
        throw new DomainError(IdentityErrorCode.IdempotencyKeyReused, 'unprocessable', 'this request id was already used with a different request body; use a new request id', {
          details: { field: 'X-Request-ID' },
        });
      case 'in_progress':
        throw new DomainError(IdentityErrorCode.RequestInProgress, 'conflict', 'request in progress', { retryAfterSeconds: Math.max(1, Math.ceil(claim.retryAfterMs / 1000)) });
      case 'acquired':
        break;
    }
    let response: StoredResponse;
    try {
      response = await work();
    } catch (error) {
      await this.store.release(key, claim.owner).catch(() => undefined);
      throw error;
    }
    // A lost lease (the request outlived it) still returns the result it produced; the retry window is what is lost.
    await this.store.complete(key, claim.owner, fingerprint, response, this.settings.idempotencyRetentionSeconds * 1000).catch(() => false);
    return { response, replayed: false };
  }
}
