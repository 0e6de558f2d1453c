// @ts-check
/**
 * Junction's architecture rules (the platform spec, "Rules"; docs/adr/0001), checked by `npm run deps`
 * (part of `npm run check`).
 *
 * Every path pattern starts at the project root *or* at the root of a canary tree
 * (`test/arch/canaries/<rule>/`), which mirrors the real layout with exactly one violation of the rule:
 * test/arch/dependency-rules.spec.ts runs each canary and proves its rule still fires.
 * Anchoring at the root matters: `libs/platform/src/runtime/` must not count as `src/runtime/`.
 *
 * Group matching: `$1` in a `to` pattern is the first capture group of the rule's `from.path`
 * (so ROOT below is non-capturing on purpose).
 */

/** The project root, or the root of a canary tree that mirrors it. */
const ROOT = '^(?:test/arch/canaries/[^/]+/|)';
/** A file of bounded-context module $1. */
const MODULE = `${ROOT}src/modules/([^/]+)/`;
const ANY_MODULE = `${ROOT}src/modules/[^/]+/`;
const RUNTIME = `${ROOT}src/runtime/`;
const APP_SRC = `${ROOT}src/`;
const LIBS = `${ROOT}libs/`;
const KERNEL = `${ROOT}libs/kernel/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-module-imports',
      comment:
        'Modules never import each other: a synchronous call goes through a facade in libs/contracts, asynchronous ' +
        'work through an integration event. Otherwise moving a module to another process (MODULES=…) breaks the build.',
      severity: 'error',
      from: { path: MODULE },
      to: { path: ANY_MODULE, pathNot: `${ROOT}src/modules/$1/` },
    },
    {
      name: 'modules-only-from-runtime',
      comment:
        'Outside src/modules/<m>, only src/runtime (the one module registry) may import a module. Everything else ' +
        'reaches a module through the runtime, a facade or an event, so module selection stays in one place.',
      severity: 'error',
      from: { pathNot: [ANY_MODULE, RUNTIME] },
      to: { path: ANY_MODULE },
    },
    {
      name: 'module-door-only',
      comment:
        "src/runtime may import a module only through its door, src/modules/<m>/index.ts (the manifest): a module's " +
        'internals can then be reorganised without touching the runtime.',
      severity: 'error',
      from: { path: RUNTIME },
      to: { path: ANY_MODULE, pathNot: `${ANY_MODULE}index\\.ts$` },
    },
    {
      name: 'domain-imports-only-kernel',
      comment:
        'Domain code (entities, value objects, rules, domain errors) imports nothing but libs/kernel and other domain ' +
        'files of its own module: no npm packages (not even @nestjs), no node builtins, no platform, no contracts. ' +
        'It stays framework-free and testable in isolation; "now" and ids come from the kernel.',
      severity: 'error',
      from: { path: `${MODULE}domain/` },
      to: { pathNot: [`${ROOT}src/modules/$1/domain/`, KERNEL] },
    },
    {
      name: 'application-no-adapters',
      comment:
        'Application code (handlers, the local facade) depends on ports (abstract classes), never on adapters: ' +
        'ADAPTERS=memory|real swaps adapters without touching a use case.',
      severity: 'error',
      from: { path: `${ANY_MODULE}application/` },
      to: { path: `${ANY_MODULE}adapters/` },
    },
    {
      name: 'inbound-not-outbound',
      comment:
        'Inbound adapters (http, grpc, kafka subscriptions) call the application layer; they never reach around it ' +
        'into outbound adapters (stores, clients), which would skip the use case and its rules.',
      severity: 'error',
      from: { path: `${ANY_MODULE}adapters/inbound/` },
      to: { path: `${ANY_MODULE}adapters/outbound/` },
    },
    {
      name: 'libs-only-through-alias',
      comment:
        'A lib is used through its public alias (@libs/<name>, i.e. its index.ts), never by a relative path from ' +
        "outside the lib: a relative path couples to the lib's internal layout and breaks when a lib is moved or " +
        'published. dependency-cruiser 17 reports a relative import as ["local", …] and an @libs/* import as ' +
        '["aliased", "aliased-tsconfig", "aliased-tsconfig-paths", "local", …] (both resolve to the same file), ' +
        'so "local but not aliased" is exactly a relative import.',
      severity: 'error',
      // $1 = the importing file's top-level folder, or `libs/<name>/` for a lib: a lib's own relative imports are fine.
      from: { path: `${ROOT}(libs/[^/]+/|[^/]+)` },
      to: { path: `${LIBS}[^/]+/src/`, pathNot: `${ROOT}$1`, dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'libs-never-import-src',
      comment:
        'libs/ is the shared foundation; src/ (runtime and modules) builds on it. An import from libs into src ' +
        'would invert that and drag application code into every process and test that uses a lib.',
      severity: 'error',
      from: { path: LIBS },
      to: { path: APP_SRC },
    },
    {
      name: 'kernel-is-pure',
      comment:
        'libs/kernel (DomainError, ids, clock) is what domain code may import, so it has no npm dependencies and ' +
        'imports only itself and node builtins; anything else would leak into every domain.',
      severity: 'error',
      from: { path: KERNEL },
      to: { pathNot: KERNEL, dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles. With CommonJS and emitDecoratorMetadata a cycle hands Nest an `undefined` class at ' +
        'decoration time (DI fails at boot, or worse, silently); cycles also make the layering above meaningless. ' +
        'Cycles made only of type-only imports are erased by the compiler and allowed.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo in a path or a package missing from package.json fails here, not at boot).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // The canaries are deliberately broken trees: test/arch/dependency-rules.spec.ts cruises them with
    // test/arch/canaries/.dependency-cruiser.cjs instead.
    exclude: { path: ['^dist/', '^\\.infra/', '^test/arch/canaries/'] },
    // Resolve @libs/<name> through tsconfig.json's paths.
    tsConfig: { fileName: 'tsconfig.json' },
    // See type-only imports too: "domain imports nothing but libs/kernel" includes `import type`.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
  },
};
