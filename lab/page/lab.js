// The conformance lab page (npm start): the check list (lab/build/checks.js, built from
// conformance/checks.mjs) against the engine's own WebSocket, then against the shim in strict
// and standard mode, in one table; detect() below; a JSON report sent to the lab server.
// ES5 and framework-free: it runs wherever the UMD runs (IE 11, QtWebKit, old WebViews).
//
// Query parameters: timeout=<ms> per check (default from the server), native=none (delete the
// engine's WebSocket first: what an engine without one shows), engine=<label> (a name for the
// report), send=0 (do not post the report), only=<id,id> (run these checks only).
// When done, window.__labResult holds the report (drivers read it).
(function () {
  'use strict';
  var cfg = window.WSLabConfig || {};
  var Checks = window.WSLabChecks;
  var Report = window.WSLabReport;
  var hooks = window.WSLabHooks;
  var TICK = '\u2713';
  var CROSS = '\u2717';

  function param(name) {
    var m = new RegExp('[?&]' + name + '=([^&#]*)').exec(location.search);
    return m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : null;
  }
  function $(id) {
    return document.getElementById(id);
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.appendChild(document.createTextNode(text));
    if (cls) e.className = cls;
    return e;
  }
  function setText(e, text) {
    while (e.firstChild) e.removeChild(e.firstChild);
    e.appendChild(document.createTextNode(text));
  }

  // The engine's own constructor, taken before anything else can replace it.
  if (param('native') === 'none') {
    try {
      delete window.WebSocket;
      delete window.MozWebSocket;
    } catch (e) {
      window.WebSocket = undefined;
    }
  }
  var nativeName = typeof window.WebSocket === 'function' || typeof window.WebSocket === 'object' && window.WebSocket ? 'WebSocket'
    : window.MozWebSocket ? 'MozWebSocket' : 'none';
  var NativeWS = nativeName === 'none' ? null : window[nativeName];

  var host = location.hostname.indexOf(':') !== -1 ? '[' + location.hostname + ']' : location.hostname;
  var wsUrl = 'ws://' + host + ':' + cfg.wsPort;
  var refusedUrl = cfg.refusedPort ? 'ws://' + host + ':' + cfg.refusedPort + '/' : undefined;
  var timeoutMs = +(param('timeout') || cfg.timeoutMs || 5000);
  var only = param('only') ? param('only').split(',') : null;
  var checks = [];
  for (var i = 0; i < Checks.CHECKS.length; i++) if (!only || only.indexOf(Checks.CHECKS[i].id) !== -1) checks.push(Checks.CHECKS[i]);

  var report = Report.create({
    userAgent: navigator.userAgent,
    engine: param('engine'),
    page: location.href,
    shimVersion: cfg.shimVersion,
    native: nativeName,
    timeoutMs: timeoutMs
  });
  var started = new Date().getTime();
  var cells = {}; // id -> { native, strict, standard, expects, row }

  /** GET/POST with XMLHttpRequest (no fetch on the engines this page is for). */
  function xhr(method, url, body, done) {
    var r = new XMLHttpRequest();
    r.open(method, url, true);
    if (body !== null) r.setRequestHeader('Content-Type', 'application/json');
    r.onreadystatechange = function () {
      if (r.readyState === 4) done(r.status, r.responseText);
    };
    r.send(body);
  }
  function fetchLog(id) {
    return new hooks.Promise(function (resolve, reject) {
      xhr('GET', '/log/' + encodeURIComponent(id) + '?wait=1', null, function (status, text) {
        if (status !== 200) return reject(new Error('log ' + id + ': HTTP ' + status));
        try {
          resolve(JSON.parse(text));
        } catch (e) {
          reject(e);
        }
      });
    });
  }

  // --- the table ----------------------------------------------------------------------------
  function buildTable() {
    var table = $('table');
    var head = el('tr');
    var titles = ['check', 'native', 'shim strict', 'shim standard', 'SPEC expects'];
    for (var i = 0; i < titles.length; i++) head.appendChild(el('th', titles[i]));
    table.appendChild(head);
    var section = null;
    for (var j = 0; j < checks.length; j++) {
      var c = checks[j];
      // SPEC §3 rows stay in their group, marked (as in npm start's Node table).
      if (!c.modeDependent && c.section !== section) {
        section = c.section;
        var s = el('tr', null, 'section');
        var td = el('td', section);
        td.colSpan = 5;
        s.appendChild(td);
        table.appendChild(s);
      }
      var tr = el('tr');
      var id = el('td', c.id + (c.modeDependent ? ' \u00a73' : ''), 'id');
      id.title = c.title;
      tr.appendChild(id);
      var row = { row: tr };
      var cols = ['native', 'strict', 'standard', 'expects'];
      for (var k = 0; k < cols.length; k++) {
        row[cols[k]] = el('td', cols[k] === 'native' && !NativeWS ? 'none' : '\u2026', cols[k] === 'native' && !NativeWS ? 'none' : 'pending');
        tr.appendChild(row[cols[k]]);
      }
      cells[c.id] = row;
      table.appendChild(tr);
    }
  }

  function showCell(check, column, result) {
    var r = Report.setCell(report, check, column, result);
    var td = cells[check.id][column];
    var timedOut = result.actual === 'timeout';
    setText(td, result.pass ? TICK : CROSS + ' ' + result.actual);
    td.className = result.pass ? 'pass' : timedOut ? 'timeout' : 'fail';
    var e = r.expected;
    if (e.standard !== null || e.strict !== null) {
      var text = e.strict === null || e.strict === e.standard ? e.standard : e.standard === null ? 'strict: ' + e.strict : e.standard + ' | strict: ' + e.strict;
      setText(cells[check.id].expects, text);
      cells[check.id].expects.className = 'expects';
    }
    var differs = false;
    for (var i = 0; i < Report.COLUMNS.length; i++) if (r[Report.COLUMNS[i]] && !r[Report.COLUMNS[i]].pass) differs = true;
    cells[check.id].row.className = differs ? 'differs' : '';
  }

  function progress(text, cls) {
    var p = $('progress');
    setText(p, text);
    p.className = 'progress' + (cls ? ' ' + cls : '');
  }

  // --- running ------------------------------------------------------------------------------
  /** Runs one check on one column; a check that never settles is a "timeout" and the run goes on. */
  function runOne(check, column, WS, next) {
    var settled = false;
    function done(result) {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      showCell(check, column, result);
      next();
    }
    // runChecks has its own per-check timeout; this one covers a check whose cleanup hangs.
    var guard = setTimeout(function () {
      done({ id: check.id, expected: null, actual: 'timeout', pass: false });
    }, timeoutMs + 3000);
    var mode = column === 'strict' ? 'strict' : 'standard';
    try {
      Checks.runChecks({ WebSocket: WS, wsUrl: wsUrl, fetchLog: fetchLog, mode: mode, timeoutMs: timeoutMs, refusedUrl: refusedUrl, only: [check.id] }).then(
        function (list) {
          done(list[0]);
        },
        function (e) {
          done({ id: check.id, expected: null, actual: 'threw ' + (e && e.message ? e.message : String(e)), pass: false });
        }
      );
    } catch (e) {
      done({ id: check.id, expected: null, actual: 'threw ' + (e && e.message ? e.message : String(e)), pass: false });
    }
  }

  function runColumn(label, column, WS, then) {
    var i = 0;
    function step() {
      if (i === checks.length) return then();
      var c = checks[i++];
      progress('Running ' + label + ': ' + i + ' / ' + checks.length + ' (' + c.id + ')\u2026');
      // A fresh task per check: old engines' timers and sockets settle in between.
      setTimeout(function () {
        runOne(c, column, WS, step);
      }, 0);
    }
    step();
  }

  function loadShim(then) {
    var s = document.createElement('script');
    s.src = cfg.umd || 'websocket-shim.umd.min.js';
    var fired = false;
    function ready() {
      if (fired) return;
      fired = true;
      then();
    }
    s.onload = ready;
    s.onreadystatechange = function () {
      if (s.readyState === 'loaded' || s.readyState === 'complete') ready();
    };
    s.onerror = function () {
      progress('Could not load the shim (' + s.src + ')', 'failed');
    };
    document.getElementsByTagName('head')[0].appendChild(s);
  }

  function start() {
    setText($('engine'), navigator.userAgent + ' \u2014 native: ' + (NativeWS ? nativeName : 'none (this engine has no WebSocket)'));
    buildTable();
    var afterNative = function () {
      progress('Loading the shim\u2026');
      loadShim(function () {
        var api = window.WebSocketShim;
        var strict = api.createWebSocketClass({ mode: 'strict', native: NativeWS || undefined });
        var standard = api.createWebSocketClass({ mode: 'standard', native: NativeWS || undefined });
        runColumn('shim strict', 'strict', strict, function () {
          runColumn('shim standard', 'standard', standard, function () {
            finish(api);
          });
        });
      });
    };
    if (NativeWS) runColumn('native', 'native', NativeWS, afterNative);
    else afterNative();
  }

  function finish(api) {
    if (!report.shimVersion) report.shimVersion = api.version;
    Report.finish(report, api.detect(), new Date().getTime() - started);
    var t = report.totals;
    var bad = t.strict.failed + t.standard.failed;
    progress(
      'Done in ' + Math.round(report.durationMs / 100) / 10 + ' s: native ' + (t.native ? t.native.passed + '/' + checks.length : 'none') +
        ', shim strict ' + t.strict.passed + '/' + checks.length + ', shim standard ' + t.standard.passed + '/' + checks.length,
      bad ? 'failed' : 'done'
    );
    window.WSLabDetect.render($('detect'), report.detect, cfg.docs || '/docs/detect.html');
    var json = JSON.stringify(report, null, 2);
    $('json').value = json;
    actions(json);
    window.__labResult = report;
    // Drivers wait for window.__result (test/browsers/lib/engines.mjs): after the report was sent.
    if (param('send') !== '0') send(json, function () { window.__result = report; });
    else window.__result = report;
  }

  function send(json, then) {
    var status = $('sent');
    setText(status, 'Sending the report\u2026');
    xhr('POST', cfg.reportUrl || '/report', json, function (code, text) {
      var file = null;
      try {
        file = JSON.parse(text).file;
      } catch (e) {
        // not JSON
      }
      setText(status, code === 200 ? 'Report sent: the lab server kept it as ' + file + '.' : 'The lab server did not take the report (HTTP ' + code + '): copy it instead.');
      window.__labSent = { status: code, file: file };
      if (then) then();
    });
  }

  function actions(json) {
    var box = $('actions');
    var copy = el('button', 'Copy report (JSON)');
    copy.onclick = function () {
      var area = $('json');
      area.focus();
      area.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      if (!ok && navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(json);
      setText($('sent'), ok ? 'Copied.' : 'Selected below: copy it with the keyboard or the menu.');
    };
    var again = el('button', 'Send report again');
    again.onclick = function () {
      send(json);
    };
    box.appendChild(copy);
    box.appendChild(again);
    box.appendChild(el('span', '', 'note')).id = 'sent';
  }

  window.WSLabStart = start;
  if (document.readyState === 'loading') {
    if (document.addEventListener) document.addEventListener('DOMContentLoaded', start, false);
    else window.attachEvent('onload', start);
  } else start();
})();
