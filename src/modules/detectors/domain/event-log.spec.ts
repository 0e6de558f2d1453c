import { DomainError } from '@libs/kernel';
import { parseDetectorId } from './detector-id';
import { validateEventLog } from './event-log';
import { groupByDevice } from './detection';

const T = 1_767_225_600_000_000_000n;

const fieldOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, field: (error as DomainError).details?.field };
  }
  throw new Error('expected a DomainError');
};

describe('event logs and detector ids', () => {
  it('refuses an event with no device branch, naming it', () => {
    expect(fieldOf(() => validateEventLog({ detectorId: 'd1', events: [{ deviceType: 'wifi', rawDeviceId: 'x', timesNs: [T] }, { timesNs: [T] }] }, 100))).toEqual({ code: 'DETECTORS.NO_DEVICE', field: 'events[1].device_id' });
  });

  it('refuses missing detector ids, bad characters, empty device ids, no times, old times and oversized logs', () => {
    expect(fieldOf(() => validateEventLog({ detectorId: undefined, events: [] }, 100))).toEqual({ code: 'DETECTORS.INVALID_ARGUMENT', field: 'loc.detector_id' });
    expect(fieldOf(() => parseDetectorId('a/b', 'x'))).toEqual({ code: 'DETECTORS.INVALID_ARGUMENT', field: 'x' });
    expect(fieldOf(() => validateEventLog({ detectorId: 'd', events: [{ deviceType: 'mobile', rawDeviceId: '', timesNs: [T] }] }, 100))).toMatchObject({ field: 'events[0].mobile' });
    expect(fieldOf(() => validateEventLog({ detectorId: 'd', events: [{ deviceType: 'mobile', rawDeviceId: 'm', timesNs: [] }] }, 100))).toMatchObject({ field: 'events[0].time' });
    expect(fieldOf(() => validateEventLog({ detectorId: 'd', events: [{ deviceType: 'mobile', rawDeviceId: 'm', timesNs: [T, 5n] }] }, 100))).toMatchObject({ field: 'events[0].time[1]' });
    expect(fieldOf(() => validateEventLog({ detectorId: 'd', events: [{ deviceType: 'mobile', rawDeviceId: 'm', timesNs: [T, T, T] }] }, 2))).toEqual({ code: 'DETECTORS.TOO_LARGE', field: 'events' });
  });

  it('counts one detection per (event, timestamp)', () => {
    expect(validateEventLog({ detectorId: 'd', events: [{ deviceType: 'bluetooth', rawDeviceId: 'b', timesNs: [T, T + 1n] }] }, 100).size).toBe(2);
  });

  it('groups per device, keeping the newest-first order of the input', () => {
    const groups = groupByDevice([
      { detectorId: 'd', deviceId: 'b', deviceType: 'wifi', timeNs: 3n },
      { detectorId: 'd', deviceId: 'a', deviceType: 'wifi', timeNs: 2n },
      { detectorId: 'd', deviceId: 'b', deviceType: 'wifi', timeNs: 1n },
    ]);
    expect(groups).toEqual([
      { detectorId: 'd', deviceId: 'b', timesNs: [3n, 1n] },
      { detectorId: 'd', deviceId: 'a', timesNs: [2n] },
    ]);
  });
});
