/** The module's settings as the application sees them (read from the config slice by detectors.config.ts). */
export interface DetectorsSettings {
  /** Rolling window of travel-time estimation. */
  windowSeconds: number;
  /** Fewer samples than this (after outlier rejection) = insufficient data. */
  minSamples: number;
  iqrFactor: number;
  /** Timestamps one EventLog may carry. */
  maxDetectionsPerLog: number;
  /** Events one GetEvents/StreamEvents answer may return per detector (limit 0 means this many). */
  queryMaxEventsPerDetector: number;
  /** Detector ids one query may name. */
  queryMaxDetectors: number;
  /** Events may be stamped at most this far in the future (detector clock skew). */
  maxFutureSkewSeconds: number;
  /** How often an owning worker recomputes a destination's travel times, and how often workers rebalance. */
  workerIntervalMs: number;
  /** Whether this process runs travel-time workers. */
  runWorkers: boolean;
}

export const DETECTORS_SETTINGS = Symbol('DETECTORS_SETTINGS');
