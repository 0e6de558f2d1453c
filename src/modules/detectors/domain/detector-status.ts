import type { DeviceType } from './device';

/** Where a detector stands, fixed point: 1 = 0.00001°. */
export interface DetectorCoordinates {
  detectorId: string;
  latitude: number;
  longitude: number;
}

/** One status report of a detector (collector.DetectorStatus), stamped with the time it was received. */
export interface DetectorStatusReport {
  detectorId: string;
  timeNs: bigint;
  batteryVoltage: number;
  activeDetectors: Array<DeviceType | 'unknown'>;
  /** collector.DEVICE number → count. */
  detectionCount: Record<string, number>;
}

/** Latitude ±90°, longitude ±180° in 1e-5 degree units. */
export const MAX_LATITUDE = 9_000_000;
export const MAX_LONGITUDE = 18_000_000;
