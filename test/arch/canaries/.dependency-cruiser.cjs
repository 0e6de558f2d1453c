// The rules of /.dependency-cruiser.cjs, for cruising the canary trees (test/arch/dependency-rules.spec.ts):
// the same rules and resolution options, minus the `exclude` that keeps test/arch/canaries out of `npm run deps`.
// Each canary is cruised with its own tsconfig.json (--ts-config) so that @libs/<name> resolves inside the canary.
const base = require('../../../.dependency-cruiser.cjs');
// eslint-disable-next-line no-unused-vars
const { exclude, ...options } = base.options;

module.exports = { ...base, options };
