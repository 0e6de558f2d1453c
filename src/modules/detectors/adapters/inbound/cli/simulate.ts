/**
 * `npm run detectors:simulate -- --detectors N --devices M --rate R --duration S [--target host:port] [--mode mixed|unary|stream]
 * [--seed n] [--prefix sim]`: drives simulated devices through a road of detectors with known travel times and sends the
 * sightings over gRPC. Progress on stderr, a JSON summary (with the ground truth per link) on stdout.
 */
import { runSimulation, SendMode } from './simulator';

function parseArgs(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2);
    out[key] = inline ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
  }
  return out;
}

function int(args: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

function progressBar(sent: number, total: number, startedAt: number): string {
  const width = 30;
  const ratio = total === 0 ? 1 : Math.min(1, sent / total);
  const filled = Math.round(ratio * width);
  const rate = Math.round(sent / Math.max(0.001, (Date.now() - startedAt) / 1000));
  return `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${sent}/${total} events ${rate} ev/s`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stderr.write('usage: npm run detectors:simulate -- --detectors N --devices M --rate R --duration S [--target host:port] [--mode mixed|unary|stream] [--seed n] [--prefix sim] [--batch n]\n');
    return;
  }
  const mode = (args.mode ?? 'mixed') as SendMode;
  if (!['mixed', 'unary', 'stream'].includes(mode)) throw new Error('--mode must be mixed, unary or stream');
  const startedAt = Date.now();
  let lastDraw = 0;
  const { summary } = await runSimulation(
    {
      target: args.target ?? process.env.DETECTORS_GRPC_TARGET ?? `127.0.0.1:${process.env.GRPC_PORT ?? '50051'}`,
      detectors: int(args, 'detectors', 6, 2, 1000),
      devices: int(args, 'devices', 500, 1, 10_000_000),
      rate: int(args, 'rate', 0, 0, 10_000_000),
      duration: int(args, 'duration', 300, 1, 86_400),
      mode,
      seed: int(args, 'seed', 1, 0, 2 ** 31),
      idPrefix: args.prefix ?? 'sim',
      batch: int(args, 'batch', 50, 1, 10_000),
    },
    (sent, total) => {
      if (Date.now() - lastDraw < 100 && sent < total) return;
      lastDraw = Date.now();
      process.stderr.write(progressBar(sent, total, startedAt));
    },
  );
  process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndetectors:simulate failed: ${(error as Error).message}\n`);
  process.exit(1);
});
