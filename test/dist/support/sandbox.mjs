// An ES5-like script host for the UMD bundles: a `vm` context with the post-ES5 globals and
// the web platform classes deleted, `setTimeout` (functions only, as a CSP without
// unsafe-eval requires), string code generation disabled, and a scripted W3C-style engine
// double as `WebSocket`. The double is plain ES5 written for this context, so any use of a
// deleted global by the bundle throws (ReferenceError) instead of being served by the double.
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const UMD_FILES = ['dist/websocket-shim.umd.js', 'dist/websocket-shim.umd.min.js'];

/** What the brief deletes: an ES5 engine without the web platform's classes. */
export const DELETED = [
  'Promise', 'Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Reflect', 'Proxy',
  'TextEncoder', 'TextDecoder', 'URL', 'Blob', 'EventTarget', 'Event', 'DOMException',
  'MessageEvent', 'CloseEvent', 'queueMicrotask', 'structuredClone'
];

/**
 * The stricter "es5" variant also removes what ES5 engines (IE9/10, old WebKit, duktape)
 * lack: `globalThis` (a page has `window`/`self`), the other post-ES5 globals, and the
 * ES2015+ methods of the built-ins.
 */
export const DELETED_ES5_GLOBALS = [
  'globalThis', 'WeakRef', 'FinalizationRegistry', 'BigInt', 'AggregateError',
  'SharedArrayBuffer', 'Atomics', 'WebAssembly', 'Intl'
];
export const DELETED_ES5_METHODS = {
  Object: ['assign', 'entries', 'values', 'fromEntries', 'getOwnPropertySymbols', 'getOwnPropertyDescriptors', 'is', 'setPrototypeOf', 'hasOwn', 'groupBy'],
  Array: ['from', 'of', 'fromAsync'],
  'Array.prototype': ['includes', 'find', 'findIndex', 'findLast', 'findLastIndex', 'fill', 'flat', 'flatMap', 'at', 'copyWithin', 'entries', 'keys', 'values', 'toSorted', 'toReversed', 'with'],
  String: ['fromCodePoint', 'raw'],
  'String.prototype': ['includes', 'startsWith', 'endsWith', 'repeat', 'padStart', 'padEnd', 'codePointAt', 'normalize', 'at', 'trimStart', 'trimEnd', 'replaceAll', 'isWellFormed', 'toWellFormed'],
  Number: ['isNaN', 'isFinite', 'isInteger', 'isSafeInteger'],
  Math: ['trunc', 'sign', 'imul', 'clz32', 'fround', 'log2', 'log10', 'hypot', 'cbrt'],
  ArrayBuffer: ['isView']
};

// The engine double. ES5 only. Records every constructor call and every send/close call with
// its exact arguments; the test fires open/message/error/close. Events are plain objects (there
// is no Event class here), dispatched to addEventListener listeners, then the on<type> handler.
export const FAKE_ENGINE = `
(function (global) {
  var slice = Array.prototype.slice;
  function FakeWebSocket(url, protocols) {
    if (!(this instanceof FakeWebSocket)) throw new TypeError('FakeWebSocket: use new');
    this.url = url;
    this.readyState = 0;
    this.protocol = '';
    this.extensions = '';
    this.bufferedAmount = 0;
    this.binaryType = 'blob';
    this.calls = [];
    this.listeners = {};
    this.args = slice.call(arguments);
    FakeWebSocket.instances.push(this);
  }
  FakeWebSocket.instances = [];
  FakeWebSocket.last = function () { return FakeWebSocket.instances[FakeWebSocket.instances.length - 1]; };
  var names = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
  for (var i = 0; i < names.length; i++) FakeWebSocket[names[i]] = FakeWebSocket.prototype[names[i]] = i;
  FakeWebSocket.prototype.addEventListener = function (type, fn) {
    (this.listeners[type] || (this.listeners[type] = [])).push(fn);
  };
  FakeWebSocket.prototype.removeEventListener = function (type, fn) {
    var list = this.listeners[type] || [];
    for (var i = 0; i < list.length; i++) if (list[i] === fn) { list.splice(i, 1); return; }
  };
  FakeWebSocket.prototype.send = function () {
    this.calls.push({ op: 'send', args: slice.call(arguments) });
  };
  FakeWebSocket.prototype.close = function () {
    this.calls.push({ op: 'close', args: slice.call(arguments) });
    if (this.readyState < 2) this.readyState = 2;
  };
  // Test controls.
  FakeWebSocket.prototype.fire = function (type, fields) {
    var ev = { type: type, target: this };
    if (fields) for (var k in fields) ev[k] = fields[k];
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    var list = (this.listeners[type] || []).slice();
    for (var i = 0; i < list.length; i++) list[i].call(this, ev);
    if (typeof this['on' + type] === 'function') this['on' + type](ev);
  };
  // The way Web IDL defines interface objects: writable, configurable, not enumerable.
  Object.defineProperty(global, 'WebSocket', { value: FakeWebSocket, writable: true, configurable: true, enumerable: false });
  global.FakeWebSocket = FakeWebSocket;
})(this);
`;

// Helpers for the tests, ES5 too: JSON-able views of values made in the sandbox realm, and
// the errors a call throws.
export const HELPERS = `
(function (global) {
  var slice = Array.prototype.slice;
  // Helpers for the test: JSON-able views of values made in this realm.
  global.__describe = function describe(v) {
    var tag = Object.prototype.toString.call(v).slice(8, -1);
    if (v === undefined) return { undefined: true };
    if (tag === 'ArrayBuffer') return { ArrayBuffer: slice.call(new Uint8Array(v)) };
    // Any ArrayBufferView, whatever its type: the bytes it covers (what goes on the wire).
    if (v && typeof v === 'object' && typeof v.byteLength === 'number' && v.buffer) {
      return { view: slice.call(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    }
    if (tag === 'Array') {
      var out = [];
      for (var i = 0; i < v.length; i++) out.push(describe(v[i]));
      return out;
    }
    return v;
  };
  global.__calls = function (ws) {
    var out = [];
    for (var i = 0; i < ws.calls.length; i++) out.push({ op: ws.calls[i].op, args: global.__describe(ws.calls[i].args) });
    return out;
  };
  global.__errors = [];
  global.__catch = function (fn) {
    try {
      fn();
    } catch (e) {
      global.__errors.push(e);
      return {
        ctor: e && e.constructor ? e.constructor.name : null,
        name: e.name,
        code: e.code,
        message: e.message,
        isError: e instanceof Error,
        string: String(e)
      };
    }
    return null;
  };
})(this);
`;

function deleteScript(variant) {
  const lines = DELETED.map((n) => `delete this[${JSON.stringify(n)}];`);
  if (variant === 'es5') {
    // A browser page's global names; ES5 code finds the global through them.
    lines.push('this.window = this; this.self = this;');
    for (const n of DELETED_ES5_GLOBALS) lines.push(`delete this[${JSON.stringify(n)}];`);
    for (const [owner, methods] of Object.entries(DELETED_ES5_METHODS)) {
      for (const m of methods) lines.push(`delete ${owner}[${JSON.stringify(m)}];`);
    }
  }
  return lines.join('\n');
}

/**
 * A fresh sandbox. `globals` are set before anything runs (document, location,
 * WebSocketShimOptions...); `fake: false` leaves out the engine double.
 */
export function createSandbox({ variant = 'brief', globals = {}, fake = true } = {}) {
  const asyncErrors = [];
  const stringTimers = [];
  let nextId = 1;
  const sandbox = {};
  const ctx = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  const run = (code, filename = 'sandbox-test.js') => vm.runInContext(code, ctx, { filename });
  run(deleteScript(variant), 'delete-globals.js');
  // The host's timer, functions only: string code is what a CSP without unsafe-eval refuses.
  const setTimeoutForSandbox = function setTimeout(fn, ms) {
    if (typeof fn !== 'function') {
      stringTimers.push(fn);
      throw new TypeError('setTimeout with a string is refused (CSP without unsafe-eval)');
    }
    const args = Array.prototype.slice.call(arguments, 2);
    globalThis.setTimeout(() => {
      try {
        fn.apply(undefined, args);
      } catch (e) {
        asyncErrors.push(e);
      }
    }, ms);
    return nextId++;
  };
  Object.defineProperty(sandbox, 'setTimeout', { value: setTimeoutForSandbox, writable: true, configurable: true, enumerable: true });
  for (const [k, v] of Object.entries(globals)) {
    if (typeof v === 'string') run(`this[${JSON.stringify(k)}] = ${v};`, `global-${k}.js`);
    else sandbox[k] = v;
  }
  run(HELPERS, 'test-helpers.js');
  if (fake) run(FAKE_ENGINE, 'fake-engine.js');
  return {
    ctx,
    run,
    /** Evaluates `code` in the sandbox and brings the JSON of its value back. */
    json: (code) => {
      const text = run(`JSON.stringify(${code})`);
      return text === undefined ? undefined : JSON.parse(text);
    },
    load(file) {
      const text = readFileSync(join(root, file), 'utf8');
      try {
        return vm.runInContext(text, ctx, { filename: file });
      } catch (e) {
        // Re-thrown without V8's source excerpt (the min build is one line: the whole file).
        const where = String((e && e.stack) || '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 3).join('\n');
        throw new Error(`${file} threw while loading: ${e && e.name}: ${e && e.message}\n${where}`);
      }
    },
    asyncErrors,
    stringTimers
  };
}

/** Lets timers the bundle queued (setTimeout 0) run. */
export function tick(ms = 10) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
