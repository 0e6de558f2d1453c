/** `npm run baggage:produce -- --hours N --flights-per-hour 1000 --bags-per-hour 300000 --start <time>` */
export interface ProduceArgs {
  hours: number;
  flightsPerHour: number;
  bagsPerHour: number;
  /** unix seconds */
  start: number;
  seed: number;
  flightsTopic: string;
  bagsTopic: string;
  metricsPort?: number;
  help: boolean;
}

export const USAGE = `Usage: npm run baggage:produce -- [options]
  --hours N                 hours of data (1..168, default 1)
  --flights-per-hour N      default 1000 (seed 003's load)
  --bags-per-hour N         default 300000
  --start TIME              first hour's start: ISO 8601, unix seconds, or "now" (default: now + 2 min, as seed 003)
  --seed N                  PRNG seed (default: random); the same seed gives the same data
  --flights-topic NAME      default BAGGAGE_FLIGHTS_TOPIC or "flights"
  --bags-topic NAME         default BAGGAGE_BAGS_TOPIC or "bags"
  --metrics-port N          serve produced_test_flights_total, produced_test_bags_total and latest_produced_flight_arrival_timestamp on :N/metrics while running
Kafka: KAFKA_BROKERS (default 127.0.0.1:9092). Progress on stderr, a JSON summary on stdout.`;

const LIMITS: Record<string, [number, number]> = {
  hours: [1, 168],
  'flights-per-hour': [1, 100_000],
  'bags-per-hour': [0, 10_000_000],
  seed: [0, 2 ** 32 - 1],
  'metrics-port': [1, 65_535],
};

/** Parses argv; throws an Error whose message names the bad flag. */
export function parseProduceArgs(argv: readonly string[], env: Record<string, string | undefined>, nowSeconds: number, randomSeed: number): ProduceArgs {
  const values = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}`);
    const [flag, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${flag} needs a value`);
    values.set(flag, value);
  }
  const known = new Set([...Object.keys(LIMITS), 'start', 'flights-topic', 'bags-topic']);
  for (const flag of values.keys()) if (!known.has(flag)) throw new Error(`unknown option --${flag}`);
  const int = (flag: string, fallback: number | undefined): number | undefined => {
    const raw = values.get(flag);
    if (raw === undefined) return fallback;
    const [min, max] = LIMITS[flag];
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new Error(`--${flag} must be an integer between ${min} and ${max}, got ${JSON.stringify(raw)}`);
    return Number(raw);
  };
  return {
    hours: int('hours', 1) as number,
    flightsPerHour: int('flights-per-hour', 1000) as number,
    bagsPerHour: int('bags-per-hour', 300_000) as number,
    start: parseStart(values.get('start'), nowSeconds),
    seed: int('seed', randomSeed) as number,
    flightsTopic: values.get('flights-topic') ?? env.BAGGAGE_FLIGHTS_TOPIC ?? 'flights',
    bagsTopic: values.get('bags-topic') ?? env.BAGGAGE_BAGS_TOPIC ?? 'bags',
    metricsPort: int('metrics-port', undefined),
    help,
  };
}

function parseStart(raw: string | undefined, now: number): number {
  if (raw === undefined) return Math.floor(now) + 120;
  if (raw === 'now') return Math.floor(now);
  if (/^\d{9,11}(\.\d+)?$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new Error(`--start must be ISO 8601, unix seconds or "now", got ${JSON.stringify(raw)}`);
  return ms / 1000;
}

/** A hand-rolled progress bar: `[#####-----]  42.0% 126000/300000 bags 0/1000 flights 52000/s`. */
export function progressLine(done: number, total: number, flights: number, totalFlights: number, perSecond: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(1).padStart(5)}% ${done}/${total} bags ${flights}/${totalFlights} flights ${Math.round(perSecond)}/s`;
}
