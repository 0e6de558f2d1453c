/** The kinds of device a detector sees (collector.DEVICE on the wire). */
export type DeviceType = 'mobile' | 'wifi' | 'bluetooth';
export const DEVICE_TYPES: readonly DeviceType[] = ['mobile', 'wifi', 'bluetooth'];

/** collector.DEVICE enum numbers. */
export const DEVICE_ENUM: Record<DeviceType | 'unknown', number> = { unknown: 0, mobile: 1, wifi: 2, bluetooth: 3 };

/** Longest raw device id accepted (detectors send hashes, typically 32-64 characters). */
export const MAX_RAW_DEVICE_ID_LENGTH = 256;
