// Mocha reporter: the spec reporter's output, plus the run's counts written to
// $TEST_STATS_FILE so test/run-all.mjs can total every suite.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.TEST_STATS_FILE;
      if (file) {
        const { passes, failures, pending, tests } = this.stats;
        fs.writeFileSync(file, JSON.stringify({ passes, failures, pending, tests }));
      }
    });
  }
}

module.exports = CountReporter;
