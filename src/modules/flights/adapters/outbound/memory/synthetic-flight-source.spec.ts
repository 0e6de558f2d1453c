import { SyntheticFlightSource } from './synthetic-flight-source';

describe('SyntheticFlightSource', () => {
  const source = new SyntheticFlightSource();
  const window = { begin: 1_767_225_600, end: 1_767_225_600 + 2 * 86_400 };

  it('is deterministic and consistent between both ends of a flight', async () => {
    const departures = await source.flights('departure', 'LIRF', window);
    expect(departures.length).toBeGreaterThan(20);
    expect(await source.flights('departure', 'LIRF', window)).toEqual(departures);
    for (const f of departures) expect(f.firstSeen >= window.begin && f.firstSeen < window.end && f.estDepartureAirport === 'LIRF').toBe(true);
    const toLondon = departures.filter((f) => f.estArrivalAirport === 'EGLL' && f.lastSeen < window.end);
    const londonArrivals = await source.flights('arrival', 'EGLL', window);
    expect(londonArrivals).toEqual(expect.arrayContaining(toLondon));
  });
});
