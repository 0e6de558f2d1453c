import { readConfig } from '@libs/platform';
import { FLIGHTS_CONFIG, parseDurationSeconds, readFlightsSettings } from './flights.config';

describe('flights config', () => {
  const read = (env: Record<string, string>, adapters: 'memory' | 'real' = 'memory') => readFlightsSettings(readConfig([FLIGHTS_CONFIG], env), adapters);

  it('has defaults: 12 h interval, 2-day lookback, synthetic source with memory adapters, OpenSky with real ones', () => {
    const s = read({});
    expect(s.app).toMatchObject({ collectionIntervalSeconds: 43_200, lookbackSeconds: 172_800 });
    expect(s.source).toBe('synthetic');
    expect(read({}, 'real').source).toBe('opensky');
    expect(s.opensky).toMatchObject({ breakerThreshold: 3, halfOpenMs: 30_000, dailyCredits: 4000 });
  });

  it('parses durations and reports every problem at once, never echoing secrets', () => {
    expect(parseDurationSeconds('90')).toBe(90);
    expect(parseDurationSeconds('30m')).toBe(1800);
    expect(parseDurationSeconds('0h')).toBeUndefined();
    let error: Error | undefined;
    try {
      read({ COLLECTION_INTERVAL: 'soon', OPENSKY_CLIENT_SECRET: 'hunter2-secret' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('COLLECTION_INTERVAL');
    expect(error?.message).toContain('OPENSKY_CLIENT_ID and OPENSKY_CLIENT_SECRET');
    expect(error?.message).not.toContain('hunter2');
  });
});
