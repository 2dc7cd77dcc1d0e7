// src/report-error.ts — SPEC §2: a listener's error is reported "the way the host reports uncaught
// errors": the global reportError where there is one, else thrown from a task of its own.
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { reportError } = load('report-error');

describe('report-error: reportError', function () {
  let had;
  let saved;
  beforeEach(function () {
    had = Object.prototype.hasOwnProperty.call(globalThis, 'reportError');
    saved = globalThis.reportError;
  });
  afterEach(function () {
    if (had) globalThis.reportError = saved;
    else delete globalThis.reportError;
  });

  /** Catches the next uncaught exception, with mocha's own handlers out of the way meanwhile. */
  function nextUncaught(timeoutMs) {
    const mochaHandlers = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(undefined, false), timeoutMs);
      function onError(e) {
        finish(e, true);
      }
      function finish(value, caught) {
        clearTimeout(timer);
        process.removeListener('uncaughtException', onError);
        for (const h of mochaHandlers) process.on('uncaughtException', h);
        resolve({ caught, value });
      }
      process.on('uncaughtException', onError);
    });
  }

  it('uses the global reportError when there is one, synchronously', function () {
    const seen = [];
    globalThis.reportError = (e) => seen.push(e);
    const err = new Error('x');
    reportError(err);
    expect(seen).to.deep.equal([err]);
  });

  it('without a global reportError: the error is thrown from a later task (uncaught, not swallowed)', async function () {
    delete globalThis.reportError;
    const err = new Error('later');
    const pending = nextUncaught(500);
    expect(() => reportError(err)).not.to.throw();
    const r = await pending;
    expect(r.caught).to.equal(true);
    expect(r.value).to.equal(err);
  });

  it('a global reportError that throws: falls back to a later task', async function () {
    globalThis.reportError = () => {
      throw new Error('broken reportError');
    };
    const err = new Error('fallback');
    const pending = nextUncaught(500);
    expect(() => reportError(err)).not.to.throw();
    const r = await pending;
    expect(r.value).to.equal(err);
  });
});
