// Adds up Jest's --json reports into the one closing line CI reads: "tests: N passed, N failed".
const { readFileSync } = require('node:fs');

let passed = 0;
let failed = 0;
let suitesFailed = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  suitesFailed += report.numFailedTestSuites;
}
// A suite that failed to load has no failed tests of its own; count it so it cannot hide.
if (suitesFailed > 0 && failed === 0) failed = suitesFailed;
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
