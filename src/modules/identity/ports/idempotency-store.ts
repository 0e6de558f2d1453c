/** A successful response, stored so a replay can return it byte for byte. */
export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
}

export type IdempotencyClaim =
  /** The caller owns the key for `leaseMs` and must `complete` or `release` it. */
  | { kind: 'acquired'; owner: string }
  /** The key completed earlier with the same fingerprint. */
  | { kind: 'replay'; response: StoredResponse }
  /** Another request holds the key; try again after the lease. */
  | { kind: 'in_progress'; retryAfterMs: number }
  /** The key was used with a different request body. */
  | { kind: 'mismatch' };

/**
 * At-most-once records (PROCESSING → COMPLETED). A PROCESSING record lives only for its lease, so a crashed request
 * frees its key quickly; a COMPLETED one lives for the retention period (24 h).
 */
export abstract class IdempotencyStore {
  abstract claim(key: string, fingerprint: string, leaseMs: number): Promise<IdempotencyClaim>;

  /** Stores the response if `owner` still holds the key; false when the lease was lost. */
  abstract complete(key: string, owner: string, fingerprint: string, response: StoredResponse, retentionMs: number): Promise<boolean>;

  /** Drops the record if `owner` still holds it (the request failed: the client may retry with the same key). */
  abstract release(key: string, owner: string): Promise<void>;
}
