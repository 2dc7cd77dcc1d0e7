// The lab in a Node.js runtime (npm run compat runs it in every Node of the matrix, 10 to 24):
// the lab's ES5 check list (lab/build/checks.js) against this Node's WebSocket — the built-in one
// where there is one (22+, or 20/21 with --experimental-websocket), else the `ws` package's
// class — and against the shim wrapping it in both modes. Prints the report
// (lab/report-schema.json) as JSON on stdout. CommonJS and Node 10 syntax.
//
//   node lab/node-run.cjs <test server http URL> [engine label]
'use strict';
var fetchLogOf = require('../conformance/fetch-log.cjs').fetchLog;
var path = require('path');

var root = path.join(__dirname, '..');
var Checks = require('./build/checks.js');
var Report = require('./page/report.js');
var shim = require(path.join(root, 'dist', 'websocket-shim.node.cjs'));

var serverUrl = String(process.argv[2] || '').replace(/\/+$/, '');
var engine = process.argv[3] || null;
var timeoutMs = 4000;

function fetchLog(id) {
  return fetchLogOf(serverUrl, id, true);
}

function nativeClass() {
  // Node 20/21 define a lazy accessor: read its descriptor first (the brief's trap), then the value.
  var d = Object.getOwnPropertyDescriptor(global, 'WebSocket');
  if (d && typeof global.WebSocket === 'function') return { ctor: global.WebSocket, name: 'built-in WebSocket (undici ' + (process.versions.undici || '?') + ')' };
  var WS = require('ws');
  var version = '?';
  try {
    version = require('ws/package.json').version;
  } catch (e) {
    // not exported by this ws version
  }
  return { ctor: WS, name: 'ws ' + version };
}

function run(report, column, WS) {
  var mode = column === 'strict' ? 'strict' : 'standard';
  return Checks.runChecks({ WebSocket: WS, wsUrl: serverUrl.replace(/^http/, 'ws'), fetchLog: fetchLog, mode: mode, timeoutMs: timeoutMs, refusedUrl: process.argv[4] }).then(function (list) {
    for (var i = 0; i < list.length; i++) Report.setCell(report, Checks.CHECKS[i], column, list[i]);
  });
}

var native = nativeClass();
var started = Date.now();
// detect() first, on the runtime as it is ...
var detected = JSON.parse(JSON.stringify(shim.detect()));
// ... then the host's Blob class where Node 14.18–17 keeps it (require('buffer').Blob, which the
// shim uses there) as the global a page would have: the checks look for `Blob` to know whether
// SPEC expects Blob messages and to send Blobs.
if (typeof global.Blob !== 'function') {
  var bufferBlob = require('buffer').Blob;
  if (typeof bufferBlob === 'function') global.Blob = bufferBlob;
}
var report = Report.create({
  userAgent: 'Node.js ' + process.version + '; ' + native.name,
  engine: engine || 'Node.js ' + process.version,
  page: null,
  shimVersion: shim.version,
  native: 'WebSocket',
  timeoutMs: timeoutMs
});
// Unhandled failures of a broken engine are the checks' business, not the runner's.
process.on('uncaughtException', function () {});
process.on('unhandledRejection', function () {});

run(report, 'native', native.ctor)
  .then(function () {
    return run(report, 'strict', shim.createWebSocketClass({ mode: 'strict', native: native.ctor }));
  })
  .then(function () {
    return run(report, 'standard', shim.createWebSocketClass({ mode: 'standard', native: native.ctor }));
  })
  .then(function () {
    Report.finish(report, detected, Date.now() - started);
    process.stdout.write(JSON.stringify(report) + '\n', function () {
      process.exit(0);
    });
  })
  .catch(function (e) {
    process.stderr.write(String((e && e.stack) || e) + '\n');
    process.exit(2);
  });
