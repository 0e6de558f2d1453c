import type { Detection, DetectorCoordinates, DetectorLink, DetectorStatusReport, TimeRange, TravelTime } from '../domain';

/**
 * Everything the detectors module stores: detections (with retention), links, coordinates, status reports and
 * travel-time results. Errors of the store itself surface as DomainError `DETECTORS.STORE_UNAVAILABLE` (unavailable).
 * Contract: ./detector-repository.contract.ts (run against every adapter).
 */
export abstract class DetectorRepository {
  /** Stores all detections or none (an etcd adapter writes transactions of ≤ 128 operations and undoes partial writes). */
  abstract appendDetections(detections: readonly Detection[]): Promise<void>;
  /**
   * One detector's detections in `range`, newest first (ties by device id), at most `limit` (0 = no limit).
   * `xxx-1` never returns detections of `xxx-10`.
   */
  abstract findDetections(detectorId: string, range: TimeRange, limit: number): Promise<Detection[]>;

  /** Creates or replaces links (dest ← src, max seconds). */
  abstract putLinks(links: readonly DetectorLink[]): Promise<void>;
  /** Links into `destDetectorId`, or all links; ordered by dest, then src. */
  abstract listLinks(destDetectorId?: string): Promise<DetectorLink[]>;

  abstract putCoordinates(coordinates: DetectorCoordinates): Promise<void>;
  abstract getCoordinates(detectorId: string): Promise<DetectorCoordinates | undefined>;

  abstract appendStatus(report: DetectorStatusReport): Promise<void>;
  /** One detector's status reports in `range`, newest first, at most `limit` (0 = no limit). */
  abstract findStatuses(detectorId: string, range: TimeRange, limit: number): Promise<DetectorStatusReport[]>;

  /** Creates or replaces the latest result of each link. */
  abstract putTravelTimes(results: readonly TravelTime[]): Promise<void>;
  abstract getTravelTime(srcDetectorId: string, destDetectorId: string): Promise<TravelTime | undefined>;
  /** Results into `destDetectorId`, or all; ordered by dest, then src. */
  abstract listTravelTimes(destDetectorId?: string): Promise<TravelTime[]>;
}
