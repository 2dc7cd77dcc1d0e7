// Shared helpers for the unit tests (not a test file itself: run-all only picks up *.test.mjs).
import { createRequire } from 'node:module';
import { expect } from 'chai';

export const require = createRequire(import.meta.url);

/** Loads a compiled src module from .build (run `npx tsc -p tsconfig.test.json` first). */
export function load(name) {
  return require('../../.build/src/' + name + '.js');
}

/** Legacy DOMException codes, from Web IDL's "DOMException names" table. */
export const LEGACY = { SyntaxError: 12, InvalidStateError: 11, InvalidAccessError: 15, SecurityError: 18 };

/** Calls fn and returns what it threw (fails the test if it did not throw). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  expect.fail('expected an exception, but none was thrown');
}

/**
 * Asserts fn throws a DOMException with this name and its legacy code. On Node 20 the
 * native DOMException is constructible with legacy codes, so SPEC §2 says it is the native one.
 */
export function expectDOMException(fn, name) {
  const e = thrown(fn);
  expect(typeof e === 'object' && e !== null, 'thrown value is an object').to.equal(true);
  expect(e.name, 'name (message: ' + e.message + ')').to.equal(name);
  expect(e.code, 'legacy code').to.equal(LEGACY[name]);
  expect(e).to.be.instanceOf(Error);
  expect(e).to.be.instanceOf(globalThis.DOMException);
  expect(e.message).to.be.a('string');
  return e;
}

export function expectTypeError(fn) {
  const e = thrown(fn);
  expect(e).to.be.instanceOf(TypeError);
  return e;
}

/** Deterministic PRNG (mulberry32), so generated vectors are the same on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Code-unit string from a list of numbers. */
export function units(...codes) {
  return String.fromCharCode(...codes);
}
