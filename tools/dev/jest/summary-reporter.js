// @ts-check
// Records each Jest run's counts under $JEST_SUMMARY_DIR, so `npm test` can print one closing
// line for all projects and tiers (see summary.js). Does nothing when the variable is unset.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

class SummaryReporter {
  /** @param {import('@jest/test-result').AggregatedResult} results */
  onRunComplete(_contexts, results) {
    const dir = process.env.JEST_SUMMARY_DIR;
    if (!dir) return;
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numFailedTestSuites } =
      results;
    writeFileSync(
      path.join(dir, `${randomUUID()}.json`),
      JSON.stringify({
        numPassedTests,
        numFailedTests,
        numPendingTests,
        numTodoTests,
        numFailedTestSuites,
      }),
    );
  }
}

module.exports = SummaryReporter;
