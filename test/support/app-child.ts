import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TS_NODE_ARGS } from './ts-node-args';
import { freePort } from './free-port';

const ROOT = join(__dirname, '..', '..');

/** This process's environment (e.g. .infra/env exported by the shell), for a child that should see it too. */
export function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}

export interface AppChildOptions {
  /** Health route that means "started": /health/live (default) or /health/ready (every backing service reached). */
  readyPath?: '/health/live' | '/health/ready';
  timeoutMs?: number;
}

/** The child's output is kept for error messages; only its tail, so a long benchmark does not grow it without end. */
const OUTPUT_TAIL = 64 * 1024;

export interface AppChild {
  child: ChildProcess;
  httpUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs `src/main.ts <args>` (e.g. `--modules=baggage --adapters=real`) in a child process — a real process, so it can
 * be SIGKILLed, and a load generator does not share its event loop — with the given extra environment; resolves once
 * its health route answers.
 */
export async function startAppChild(args: readonly string[], env: Record<string, string>, { readyPath = '/health/live', timeoutMs = 60_000 }: AppChildOptions = {}): Promise<AppChild> {
  const port = await freePort();
  const child = spawn(process.execPath, [...TS_NODE_ARGS, 'src/main.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      GRPC_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      IDENTITY_JWT_SECRET: 'test-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      IDENTITY_REGISTRATIONS_PER_IP: '1000000', // load and crash tests register many accounts from 127.0.0.1
      ...env,
      PORT: String(port), // the port this helper polls, whatever `env` says
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer): void => void (out = (out + String(chunk)).slice(-OUTPUT_TAIL));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const httpUrl = `http://127.0.0.1:${port}`;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`app child exited with ${exitCode}: ${out.slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app child did not start: ${out.slice(-2000)}`);
    }
    const ok = await fetch(`${httpUrl}${readyPath}`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, httpUrl, output: () => out, exited };
}

