// @ts-check
// Prints one closing report over every Jest run recorded by summary-reporter.js: each failed test
// with the start of its message, then the counts. Fails when a run recorded a failure or when no
// test ran at all.
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const dir = process.argv[2] ?? 'tmp/test-summary';
const runs = readdirSync(dir).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
const passed = sum('numPassedTests');
const failures = runs.flatMap((r) => r.failures);
const failed = failures.length;
const skipped = sum('numPendingTests') + sum('numTodoTests');
for (const failure of failures) {
  console.log(`FAILED ${failure.file} › ${failure.test}\n${failure.message}\n`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
