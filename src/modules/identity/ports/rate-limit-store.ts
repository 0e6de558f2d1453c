export interface WindowCount {
  count: number;
  /** Milliseconds until the window (and the count) expires; 0 when there is no count. */
  resetInMs: number;
}

/** Fixed-window counters shared by every replica (failed logins per account, per account and IP, per IP). */
export abstract class RateLimitStore {
  abstract peek(key: string): Promise<WindowCount>;

  /** Adds one; the window starts at the first hit and lasts `windowMs`. */
  abstract hit(key: string, windowMs: number): Promise<WindowCount>;

  abstract reset(key: string): Promise<void>;

  /** Replaces whatever the key holds with a count of 1 whose window ends `ttlMs` from now (delays, remembered facts). */
  abstract mark(key: string, ttlMs: number): Promise<void>;
}
