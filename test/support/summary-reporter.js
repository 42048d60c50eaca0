// Prints one plain closing line per jest run ("jest: N passed, N failed, N skipped") and
// appends the counts to test-reports/summary.jsonl, so .ci/run can print the total of all runs.
const fs = require('fs');
const path = require('path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\njest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    const dir = path.resolve('test-reports');
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'summary.jsonl'), JSON.stringify({ passed, failed, skipped, at: new Date().toISOString() }) + '\n');
  }
}
module.exports = SummaryReporter;
