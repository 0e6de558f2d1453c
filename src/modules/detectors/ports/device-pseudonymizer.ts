/**
 * Turns a detector-supplied device hash into the pseudonym Junction stores: keyed with a server-side secret, so stored
 * ids cannot be joined with other data sets by anyone without the key. Deterministic for one key.
 */
export abstract class DevicePseudonymizer {
  abstract pseudonymize(deviceType: string, rawDeviceId: string): string;
}
