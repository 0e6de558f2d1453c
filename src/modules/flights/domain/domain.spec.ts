import { chunkWindow, collectionStart, parseAirportCode, parseDirection, parseIntInRange, parseInterest, thresholdBreach, uniqueFlights } from '.';

describe('flights domain', () => {
  it('parses ICAO codes: trimmed, uppercased, exactly 4 letters', () => {
    expect(parseAirportCode(' lirf ')).toBe('LIRF');
    for (const bad of ['LIR', 'LIRFF', 'L1RF', '', 42, null, 'ÄBCD']) {
      expect(() => parseAirportCode(bad)).toThrow(expect.objectContaining({ code: 'FLIGHTS.INVALID_AIRPORT_CODE', category: 'invalid' }));
    }
  });

  it('validates interests: thresholds are non-negative integers and low < high (422 otherwise)', () => {
    expect(parseInterest({ airport_code: 'egll', low_value: 0, high_value: 3 })).toEqual({ airportCode: 'EGLL', lowValue: 0, highValue: 3 });
    expect(parseInterest({ airport_code: 'EGLL', low_value: null })).toEqual({ airportCode: 'EGLL' });
    expect(() => parseInterest({ airport_code: 'EGLL', low_value: 3, high_value: 3 })).toThrow(expect.objectContaining({ code: 'FLIGHTS.THRESHOLDS_OUT_OF_ORDER', category: 'unprocessable' }));
    expect(() => parseInterest({ airport_code: 'EGLL', high_value: -1 })).toThrow(expect.objectContaining({ code: 'FLIGHTS.INVALID_THRESHOLD' }));
    expect(() => parseInterest('EGLL')).toThrow(expect.objectContaining({ code: 'FLIGHTS.INVALID_REQUEST' }));
  });

  it('evaluates thresholds strictly (total < low or total > high)', () => {
    const i = { airportCode: 'EGLL', lowValue: 2, highValue: 5 };
    expect(thresholdBreach(i, 1)).toContain('below your low value 2');
    expect(thresholdBreach(i, 2)).toBeNull();
    expect(thresholdBreach(i, 5)).toBeNull();
    expect(thresholdBreach(i, 6)).toContain('above your high value 5');
    expect(thresholdBreach({ airportCode: 'EGLL' }, 0)).toBeNull();
  });

  it('cuts windows into chunks of at most 2 days and starts at last_update or the lookback', () => {
    const D = 86_400;
    expect(chunkWindow(0, 5 * D)).toEqual([
      { begin: 0, end: 2 * D },
      { begin: 2 * D, end: 4 * D },
      { begin: 4 * D, end: 5 * D },
    ]);
    expect(chunkWindow(10, 10)).toEqual([]);
    expect(collectionStart(null, 10 * D, 2 * D)).toBe(8 * D);
    expect(collectionStart(9 * D, 10 * D, 2 * D)).toBe(9 * D);
  });

  it('parses direction and integer query parameters', () => {
    expect(parseDirection(undefined)).toBe('departure');
    expect(parseDirection('')).toBe('departure');
    expect(parseDirection(' Arrival ')).toBe('arrival');
    expect(parseDirection('Departure')).toBe('departure');
    expect(() => parseDirection('up')).toThrow(expect.objectContaining({ code: 'FLIGHTS.INVALID_DIRECTION' }));
    expect(parseIntInRange(undefined, 'days', 'X', 1, 365, 7)).toBe(7);
    expect(parseIntInRange('30', 'days', 'X', 1, 365, 7)).toBe(30);
    for (const bad of ['0', '366', '1.5', '-1', 'x', '1e3']) expect(() => parseIntInRange(bad, 'days', 'X', 1, 365, 7)).toThrow(expect.objectContaining({ code: 'X' }));
  });

  it('keeps one flight per (icao24, firstSeen)', () => {
    const f = { icao24: 'abc', callsign: null, firstSeen: 1, lastSeen: 2, estDepartureAirport: 'A', estArrivalAirport: 'B' };
    expect(uniqueFlights([f, { ...f }, { ...f, firstSeen: 3 }])).toHaveLength(2);
  });
});
