// @ts-check
// Records each Jest run's counts and failures under $JEST_SUMMARY_DIR, so `npm test` can print
// one closing report for all projects and tiers (see summary.js), even when a tier failed and
// its own output scrolled away. Does nothing when the variable is unset.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { stripVTControlCharacters } = require('node:util');

/** The first lines of a failure message, without colour codes. */
const firstLines = (message, count = 12) =>
  stripVTControlCharacters(message).split('\n').slice(0, count).join('\n');

class SummaryReporter {
  /** @param {import('@jest/test-result').AggregatedResult} results */
  onRunComplete(_contexts, results) {
    const dir = process.env.JEST_SUMMARY_DIR;
    if (!dir) return;
    const { numPassedTests, numPendingTests, numTodoTests } = results;
    const failures = results.testResults.flatMap((suite) => {
      const file = path.relative(process.cwd(), suite.testFilePath);
      const tests = suite.testResults
        .filter((test) => test.status === 'failed')
        .map((test) => ({
          file,
          test: test.fullName,
          message: firstLines(test.failureMessages.join('\n')),
        }));
      // A suite that failed outside any test (a hook, an import) has no failed test to name.
      return tests.length > 0 || !suite.failureMessage
        ? tests
        : [{ file, test: '(suite)', message: firstLines(suite.failureMessage) }];
    });
    writeFileSync(
      path.join(dir, `${randomUUID()}.json`),
      JSON.stringify({
        numPassedTests,
        numPendingTests,
        numTodoTests,
        failures,
      }),
    );
  }
}

module.exports = SummaryReporter;
