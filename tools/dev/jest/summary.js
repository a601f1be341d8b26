// @ts-check
// Prints one closing line over every Jest run recorded by summary-reporter.js, and fails when
// a run recorded a failure or when no test ran at all.
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const dir = process.argv[2] ?? 'tmp/test-summary';
const runs = readdirSync(dir).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
const passed = sum('numPassedTests');
const failed = sum('numFailedTests') + sum('numFailedTestSuites');
const skipped = sum('numPendingTests') + sum('numTodoTests');
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
