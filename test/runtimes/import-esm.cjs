// Loads an ES module test file from test/runtimes/runner.cjs where require() cannot (Node < 20.19:
// ERR_REQUIRE_ESM). A file of its own: `import()` is a syntax error to Node 10–12.16, which parse
// runner.cjs too and never load an ES module test.
'use strict';
const url = require('url');

module.exports = function importESM(file) {
  return import(url.pathToFileURL(file).href);
};
