// Runs several dependency-cruiser cruises in one Node process and prints their results as one JSON array.
// Used by test/arch/dependency-rules.spec.ts: dependency-cruiser 17 is ESM-only (Jest runs CommonJS here), and
// loading it (and TypeScript) once instead of once per canary keeps the suite at a few seconds.
//
//   node test/arch/cruise.mjs '[{"paths":["src","libs"],"config":".dependency-cruiser.cjs"}, …]'
//
// Each job: `paths` to cruise, `config` (a .dependency-cruiser.cjs, relative to the cwd), optional `tsConfig`
// overriding the config's options.tsConfig. This is what `depcruise <paths> --config <config> [--ts-config <file>]`
// does, minus the reporting.
import { resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const jobs = JSON.parse(process.argv[2] ?? '[]');
const results = [];
for (const job of jobs) {
  // extractDepcruiseOptions resolves a bare path like a package name, so make it explicit.
  const options = await extractDepcruiseOptions(resolve(job.config));
  // Absolute: TypeScript finds "no inputs" for a relative tsconfig path outside the working directory.
  const tsConfigFile = resolve(job.tsConfig ?? options.tsConfig?.fileName ?? 'tsconfig.json');
  const result = await cruise(
    job.paths,
    { ...options, tsConfig: { fileName: tsConfigFile } },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  results.push(result.output);
}
process.stdout.write(JSON.stringify(results));
