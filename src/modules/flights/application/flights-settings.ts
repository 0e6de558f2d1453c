export const FLIGHTS_SETTINGS = 'flights:settings';

/** What the use cases need from configuration. */
export interface FlightsSettings {
  collectionIntervalSeconds: number;
  lookbackSeconds: number;
  reconcileUsers: boolean;
  identity: { timeoutMs: number; retries: number; breakerThreshold: number; halfOpenMs: number };
}
