// A small BDD test runner for old Node runtimes (mocha 12 needs Node 18+): enough of mocha's
// interface for the integration suites — describe/it (and .skip), before/after/beforeEach/
// afterEach, this.timeout(), this.skip(), async and done-callback tests, an uncaught
// exception or unhandled rejection failing the running test — with syntax no newer than Node 10.
//
//   node runner.cjs [--verbose] file.test.cjs …
//
// Prints failed tests (every test with --verbose) and writes the counts to $TEST_STATS_FILE:
// { passes, failures, pending, tests, passed: [title], failed: [{ title, error }],
//   skipped: [{ title, reason }], ms, hung }. Exit code 0 when nothing failed. Default timeout: $TEST_TIMEOUT or 20000 ms.
'use strict';
const path = require('path');
const fs = require('fs');

const args = process.argv.slice(2);
const verbose = args.indexOf('--verbose') !== -1;
const files = args.filter(function (a) {
  return a.slice(0, 2) !== '--';
});
const DEFAULT_TIMEOUT = +(process.env.TEST_TIMEOUT || 20000);

function Suite(title, parent) {
  this.title = title;
  this.parent = parent;
  this.suites = [];
  this.tests = [];
  this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
  this.ownTimeout = undefined;
  this.pending = !!(parent && parent.pending);
}
Suite.prototype.timeout = function () {
  for (let s = this; s; s = s.parent) if (s.ownTimeout !== undefined) return s.ownTimeout;
  return DEFAULT_TIMEOUT;
};
Suite.prototype.fullTitle = function () {
  const parts = [];
  for (let s = this; s; s = s.parent) if (s.title) parts.unshift(s.title);
  return parts.join(' ');
};

const root = new Suite('', null);
let current = root;

function suiteContext(suite) {
  return {
    timeout: function (ms) {
      if (ms === undefined) return suite.timeout();
      suite.ownTimeout = +ms;
      return this;
    },
    skip: function () {
      suite.pending = true;
    }
  };
}

function describe(title, fn, pending) {
  const s = new Suite(String(title), current);
  if (pending) s.pending = true;
  current.suites.push(s);
  const prev = current;
  current = s;
  try {
    if (fn) fn.call(suiteContext(s));
  } finally {
    current = prev;
  }
  return s;
}
describe.skip = function (title, fn) {
  return describe(title, fn, true);
};
function it(title, fn) {
  const t = { title: String(title), fn: fn, parent: current, pending: !fn || current.pending };
  current.tests.push(t);
  return t;
}
it.skip = function (title) {
  return it(title, null);
};
global.describe = describe;
global.context = describe;
global.it = it;
global.specify = it;
['before', 'after', 'beforeEach', 'afterEach'].forEach(function (kind) {
  global[kind] = function (title, fn) {
    current.hooks[kind].push(typeof title === 'function' ? title : fn);
  };
});

// ---------------------------------------------------------------------------

const SKIP = { skip: true };
const stats = { passes: 0, failures: 0, pending: 0, tests: 0, passed: [], failed: [], skipped: [], ms: 0, hung: false };
let onUncaught = null;

function handleUncaught(e) {
  if (onUncaught) onUncaught(e);
  else fail('uncaught outside a test', e);
}
process.on('uncaughtException', handleUncaught);
process.on('unhandledRejection', function (reason) {
  handleUncaught(reason instanceof Error ? reason : new Error('Unhandled rejection: ' + String(reason)));
});

function describeError(e) {
  if (!(e instanceof Error)) return String(e);
  let text = e.stack || e.name + ': ' + e.message;
  if (e.showDiff !== false && ('actual' in e || 'expected' in e) && e.name === 'AssertionError') {
    try {
      text += '\n      actual:   ' + JSON.stringify(e.actual) + '\n      expected: ' + JSON.stringify(e.expected);
    } catch (x) {
      // not serializable
    }
  }
  return text;
}

function fail(title, e) {
  stats.failures += 1;
  const error = describeError(e);
  stats.failed.push({ title: title, error: error });
  console.log('  \u2717 ' + title + '\n      ' + error.split('\n').join('\n      '));
}

/** Runs one test or hook; resolves with null (passed), SKIP, or the error. */
function runFn(fn, timeoutMs, skipped) {
  return new Promise(function (resolve) {
    let finished = false;
    let timer = null;
    let ms = timeoutMs;
    function finish(err) {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      onUncaught = null;
      resolve(err === undefined ? null : err);
    }
    function arm() {
      if (timer) clearTimeout(timer);
      timer = ms > 0 ? setTimeout(function () {
        finish(new Error('Timeout of ' + ms + 'ms exceeded. For async tests and hooks, ensure "done()" is called; if returning a Promise, ensure it resolves.'));
      }, ms) : null;
    }
    const ctx = {
      timeout: function (n) {
        if (n === undefined) return ms;
        ms = +n;
        arm();
        return ctx;
      },
      skip: function () {
        throw SKIP;
      },
      skipReason: function (reason) {
        skipped.reason = reason;
      }
    };
    onUncaught = finish;
    arm();
    try {
      if (fn.length > 0) {
        fn.call(ctx, function (err) {
          finish(err ? (err instanceof Error ? err : new Error('done() invoked with non-Error: ' + String(err))) : null);
        });
      } else {
        const r = fn.call(ctx);
        if (r && typeof r.then === 'function') {
          r.then(
            function () {
              finish(null);
            },
            function (e) {
              finish(e === SKIP ? SKIP : e || new Error('Promise rejected with no or falsy reason'));
            }
          );
        } else {
          finish(null);
        }
      }
    } catch (e) {
      finish(e);
    }
  });
}

function allTests(suite, out) {
  out = out || [];
  for (let i = 0; i < suite.tests.length; i++) out.push(suite.tests[i]);
  for (let i = 0; i < suite.suites.length; i++) allTests(suite.suites[i], out);
  return out;
}

function markPending(suite, reason) {
  const list = allTests(suite);
  for (let i = 0; i < list.length; i++) {
    stats.pending += 1;
    stats.tests += 1;
    stats.skipped.push({ title: list[i].parent.fullTitle() + ' ' + list[i].title, reason: reason || '' });
  }
}

function chain(suite, kind, outerFirst) {
  const suites = [];
  for (let s = suite; s; s = s.parent) suites.push(s);
  if (outerFirst) suites.reverse();
  const fns = [];
  for (let i = 0; i < suites.length; i++) {
    const h = suites[i].hooks[kind];
    for (let j = 0; j < h.length; j++) fns.push({ fn: h[j], suite: suites[i] });
  }
  return fns;
}

async function runHooks(list, suite, label) {
  for (let i = 0; i < list.length; i++) {
    const info = {};
    const r = await runFn(list[i].fn, list[i].suite.timeout(), info);
    if (r === SKIP) return { skip: true, reason: info.reason };
    if (r) {
      fail(suite.fullTitle() + ' "' + label + '" hook', r);
      return { error: true };
    }
  }
  return {};
}

async function runSuite(suite) {
  if (suite.pending) {
    markPending(suite, '');
    return;
  }
  const before = await runHooks(chain(suite, 'before', true).filter(function (h) {
    return h.suite === suite;
  }), suite, 'before all');
  if (before.skip || before.error) {
    if (before.skip) markPending(suite, before.reason);
    await runHooks(suite.hooks.after.map(function (fn) {
      return { fn: fn, suite: suite };
    }), suite, 'after all');
    return;
  }
  let aborted = false;
  for (let i = 0; i < suite.tests.length && !aborted; i++) {
    const t = suite.tests[i];
    const title = suite.fullTitle() + ' ' + t.title;
    stats.tests += 1;
    if (t.pending) {
      stats.pending += 1;
      stats.skipped.push({ title: title, reason: '' });
      continue;
    }
    const be = await runHooks(chain(suite, 'beforeEach', true), suite, 'before each');
    if (be.error) {
      aborted = true;
      break;
    }
    if (be.skip) {
      stats.pending += 1;
      stats.skipped.push({ title: title, reason: be.reason || '' });
    } else {
      const info = {};
      const t0 = Date.now();
      const r = await runFn(t.fn, suite.timeout(), info);
      if (r === SKIP) {
        stats.pending += 1;
        stats.skipped.push({ title: title, reason: info.reason || '' });
        if (verbose) console.log('  - ' + title + (info.reason ? ' (' + info.reason + ')' : ''));
      } else if (r) {
        fail(title, r);
      } else {
        stats.passes += 1;
        stats.passed.push(title);
        if (verbose) console.log('  \u2713 ' + title + ' (' + (Date.now() - t0) + 'ms)');
      }
    }
    const ae = await runHooks(chain(suite, 'afterEach', false), suite, 'after each');
    if (ae.error) aborted = true;
  }
  if (!aborted) {
    for (let i = 0; i < suite.suites.length; i++) await runSuite(suite.suites[i]);
  }
  await runHooks(suite.hooks.after.map(function (fn) {
    return { fn: fn, suite: suite };
  }), suite, 'after all');
}

function writeStats() {
  const file = process.env.TEST_STATS_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(stats));
}

(async function main() {
  const t0 = Date.now();
  for (let i = 0; i < files.length; i++) {
    try {
      require(path.resolve(files[i]));
    } catch (e) {
      // An ES module test file on a Node whose require() cannot load one (the modern entry's
      // conformance checks on Node 18): import() it instead, its describe() calls land the same.
      if (e && e.code === 'ERR_REQUIRE_ESM') {
        try {
          await require('./import-esm.cjs')(path.resolve(files[i]));
        } catch (e2) {
          fail('loading ' + files[i], e2);
        }
      } else fail('loading ' + files[i], e);
    }
  }
  await runSuite(root);
  stats.ms = Date.now() - t0;
  writeStats();
  process.exitCode = stats.failures ? 1 : 0;
  // Like mocha without --exit, the process ends when nothing is left to do; a test that
  // leaves a socket or timer behind is a failure here rather than a hang.
  setTimeout(function () {
    stats.hung = true;
    fail('the process did not exit within 10 s after the last test (an open handle)', new Error('open handles'));
    writeStats();
    process.exit(1);
  }, 10000).unref();
})().catch(function (e) {
  fail('runner', e);
  writeStats();
  process.exit(1);
});
