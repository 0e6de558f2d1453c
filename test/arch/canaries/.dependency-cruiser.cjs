// The rules of /.dependency-cruiser.cjs, for cruising the canary trees (test/arch/dependency-rules.spec.ts):
// the same rules and resolution options, but without the exclusion of test/arch/canaries. Each canary is cruised
// with its own tsconfig.json (--ts-config) so that @libs/<name> resolves inside the canary tree.
const base = require('../../../.dependency-cruiser.cjs');

module.exports = {
  ...base,
  options: { ...base.options, exclude: { path: ['(^|/)node_modules/'] } },
};
