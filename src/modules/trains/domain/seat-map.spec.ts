import { nextDeparture } from './calendar';
import { checkSeats, originalSeatName, seatIdOf, seatMap } from './seat-map';
import type { Train } from './catalogue';

const INTERCITY: Train = {
  id: '725',
  name: 'Sundarban Express',
  coaches: [
    { code: 'A', seatClass: 'AC', rows: 10, seatsPerRow: 4 },
    { code: 'B', seatClass: 'snigdha', rows: 12, seatsPerRow: 4 },
  ],
};
const COMMUTER: Train = { id: '743', name: 'Brahmaputra Express', coaches: [{ code: 'B', seatClass: 'snigdha', rows: 10, seatsPerRow: 4 }] };

describe('seat names', () => {
  it("reads seed 002's names (A10: coach letter + number) as seat ids (A-10), in any case and with spaces", () => {
    expect(seatIdOf(INTERCITY, 'A10')).toBe('A-10');
    expect(seatIdOf(INTERCITY, ' b12 ')).toBe('B-12');
    expect(seatIdOf(INTERCITY, 'A010')).toBe('A-10');
    expect(checkSeats(INTERCITY, ['A10', 'A-11', 'b-12'], 10)).toEqual(['A-10', 'A-11', 'B-12']);
  });

  it("reads an integer as the original's seat number, the n-th seat across the train", () => {
    expect(seatIdOf(INTERCITY, 10)).toBe('A-10');
    expect(seatIdOf(INTERCITY, '41')).toBe('B-1');
    expect(seatMap(INTERCITY).byId.get(seatIdOf(INTERCITY, 'B1'))?.ordinal).toBe(41);
  });

  it('names the same seat only once, and rejects seats the train does not have', () => {
    expect(() => checkSeats(INTERCITY, ['A10', 'A-10'], 10)).toThrow(expect.objectContaining({ code: 'TRAINS.DUPLICATE_SEATS' }));
    expect(() => checkSeats(INTERCITY, ['A41'], 10)).toThrow(expect.objectContaining({ code: 'TRAINS.UNKNOWN_SEAT' }));
    expect(() => checkSeats(COMMUTER, ['A10'], 10)).toThrow(expect.objectContaining({ code: 'TRAINS.UNKNOWN_SEAT' }));
  });

  it("writes a seat id back in the original frontend's naming", () => {
    expect(originalSeatName('A-10')).toBe('A10');
    expect(originalSeatName('B-12')).toBe('B12');
    for (const { seat } of seatMap(INTERCITY).list) expect(seatIdOf(INTERCITY, originalSeatName(seat))).toBe(seat);
  });
});

describe('the next departure (seed 002 tickets without a date)', () => {
  it("is today's trip until the departure time on the UTC clock, then tomorrow's", () => {
    expect(nextDeparture(new Date('2026-12-03T08:14:59Z'), '08:15')).toEqual({ date: '2026-12-03', today: '2026-12-03', departed: false });
    expect(nextDeparture(new Date('2026-12-03T08:15:00Z'), '08:15')).toEqual({ date: '2026-12-04', today: '2026-12-03', departed: true });
    expect(nextDeparture(new Date('2026-12-31T23:30:00Z'), '22:30')).toEqual({ date: '2027-01-01', today: '2026-12-31', departed: true });
    expect(nextDeparture(new Date('2026-12-03T00:00:00Z'), '06:00')).toMatchObject({ date: '2026-12-03', departed: false });
  });
});
