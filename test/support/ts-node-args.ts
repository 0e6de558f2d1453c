/**
 * Node arguments that run a TypeScript entry point directly (transpile only, @libs/* aliases resolved), for
 * tests that must use a real child process: the CLI, signals, and OpenTelemetry's require hooks.
 */
export const TS_NODE_ARGS = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
