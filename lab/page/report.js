// The lab's report: one JSON object per run (schema: lab/report-schema.json), built the same
// way by the page and by the Node runner of `npm run compat` (lab/node-run.cjs). ES5; a script
// in the page (WSLabReport) and a CommonJS module in Node 10+.
//
//   report = WSLabReport.create({ userAgent, engine, page, shimVersion, native, timeoutMs })
//   WSLabReport.setCell(report, check, column, result)   column: 'native' | 'strict' | 'standard'
//   WSLabReport.finish(report, detect, durationMs)
//   WSLabReport.summaryLine(report)                       the lab server's one-line summary
(function (root, factory) {
  var api = factory();
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else root.WSLabReport = api;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var SCHEMA = 'websocket-shim-lab-report/1';
  var COLUMNS = ['native', 'strict', 'standard'];

  function create(o) {
    return {
      schema: SCHEMA,
      shimVersion: o.shimVersion || null,
      userAgent: String(o.userAgent || ''),
      engine: o.engine || null,
      page: o.page || null,
      startedAt: new Date().toISOString ? new Date().toISOString() : String(new Date()),
      durationMs: null,
      timeoutMs: o.timeoutMs,
      // What the engine has: 'WebSocket', 'MozWebSocket' or 'none' (the native column is then empty).
      native: o.native,
      complete: false,
      detect: null,
      checks: [],
      totals: null
    };
  }

  /** The row for a check (created on first use, in check-list order). */
  function row(report, check) {
    for (var i = 0; i < report.checks.length; i++) if (report.checks[i].id === check.id) return report.checks[i];
    var r = {
      id: check.id,
      section: check.section,
      title: check.title,
      modeDependent: !!check.modeDependent,
      expected: { strict: null, standard: null },
      native: null,
      strict: null,
      standard: null
    };
    report.checks.push(r);
    return r;
  }

  /** A cell: { actual, pass } from a runChecks() result (or a page-level outcome). */
  function setCell(report, check, column, result) {
    var r = row(report, check);
    // The native column is judged against standard-mode expectations, as `npm start`'s table.
    var mode = column === 'strict' ? 'strict' : 'standard';
    if (result.expected !== undefined && result.expected !== null) r.expected[mode] = String(result.expected);
    r[column] = { actual: String(result.actual), pass: !!result.pass };
    return r;
  }

  function totals(report) {
    var t = {};
    for (var c = 0; c < COLUMNS.length; c++) {
      var col = COLUMNS[c];
      var passed = 0;
      var failed = 0;
      var ran = 0;
      for (var i = 0; i < report.checks.length; i++) {
        var cell = report.checks[i][col];
        if (!cell) continue;
        ran++;
        if (cell.pass) passed++;
        else failed++;
      }
      t[col] = ran ? { passed: passed, failed: failed } : null;
    }
    return t;
  }

  function finish(report, detect, durationMs) {
    report.detect = detect;
    report.durationMs = durationMs;
    report.totals = totals(report);
    report.complete = true;
    return report;
  }

  function part(t) {
    return t ? t.passed + '/' + (t.passed + t.failed) : 'none';
  }

  /** "Chromium 156 …: native 44/52, shim strict 52/52, shim standard 52/52; backend browser; 3 quirks". */
  function summaryLine(report) {
    var t = report.totals || totals(report);
    var d = report.detect || {};
    var ua = report.engine || report.userAgent;
    return (
      ua +
      ': native ' +
      (report.native === 'none' ? 'none' : part(t.native)) +
      ', shim strict ' +
      part(t.strict) +
      ', shim standard ' +
      part(t.standard) +
      '; backend ' +
      d.backend +
      ', ' +
      (d.quirks ? d.quirks.length : 0) +
      ' quirks, ' +
      (d.unsupported ? d.unsupported.length : 0) +
      ' unsupported'
    );
  }

  return { SCHEMA: SCHEMA, COLUMNS: COLUMNS, create: create, setCell: setCell, finish: finish, totals: totals, summaryLine: summaryLine };
});
