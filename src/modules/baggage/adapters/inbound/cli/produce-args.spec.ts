import { parseProduceArgs, progressLine } from './produce-args';

const NOW = 1_767_225_600;

describe('baggage:produce arguments', () => {
  it('defaults to one hour of seed 003’s load starting in two minutes', () => {
    expect(parseProduceArgs([], {}, NOW, 7)).toEqual({ hours: 1, flightsPerHour: 1000, bagsPerHour: 300_000, start: NOW + 120, seed: 7, flightsTopic: 'flights', bagsTopic: 'bags', metricsPort: undefined, help: false });
  });

  it('reads every flag in both spellings', () => {
    const args = parseProduceArgs(['--hours', '3', '--flights-per-hour=10', '--bags-per-hour', '50', '--start', '2026-01-01T00:00:00Z', '--seed', '42', '--flights-topic', 'f', '--bags-topic=b'], {}, NOW, 7);
    expect(args).toMatchObject({ hours: 3, flightsPerHour: 10, bagsPerHour: 50, start: NOW, seed: 42, flightsTopic: 'f', bagsTopic: 'b' });
    expect(parseProduceArgs(['--start', '1767225600'], {}, NOW, 7).start).toBe(NOW);
    expect(parseProduceArgs(['--start', 'now'], {}, NOW, 7).start).toBe(NOW);
  });

  it('rejects bad values naming the flag', () => {
    expect(() => parseProduceArgs(['--hours', '0'], {}, NOW, 7)).toThrow(/--hours must be an integer between 1 and 168/);
    expect(() => parseProduceArgs(['--hours', 'x'], {}, NOW, 7)).toThrow(/--hours/);
    expect(() => parseProduceArgs(['--start', 'yesterday'], {}, NOW, 7)).toThrow(/--start/);
    expect(() => parseProduceArgs(['--bogus', '1'], {}, NOW, 7)).toThrow(/unknown option --bogus/);
    expect(() => parseProduceArgs(['--hours'], {}, NOW, 7)).toThrow(/--hours needs a value/);
  });

  it('draws a bounded progress bar', () => {
    expect(progressLine(150, 300, 0, 10, 1234.4, 10)).toBe('[#####-----]  50.0% 150/300 bags 0/10 flights 1234/s');
    expect(progressLine(999, 10, 10, 10, 0, 4)).toContain('[####] 100.0%');
  });
});
