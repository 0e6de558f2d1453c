import { createHmac } from 'node:crypto';
import { DevicePseudonymizer } from '../../../ports';

/**
 * HMAC-SHA256(key, "<type>:<hash>"), hex, first 32 characters (128 bits): a stable pseudonym per key. Rotating the
 * key (configuration) changes every pseudonym, so pairs spanning a rotation are lost for one window.
 */
export class HmacDevicePseudonymizer extends DevicePseudonymizer {
  constructor(private readonly key: string) {
    super();
  }

  pseudonymize(deviceType: string, rawDeviceId: string): string {
    return createHmac('sha256', this.key).update(`${deviceType}:${rawDeviceId}`).digest('hex').slice(0, 32);
  }
}
