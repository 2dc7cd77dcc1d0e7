// A fresh `vm` context whose globals match a profile (test/legacy/profiles.mjs): the ES
// built-ins the engine lacked are deleted, the web classes it had are supplied (Node's, where
// the engine's were constructible; a non-constructible stand-in where it only had the
// interface object), the engine double is installed under the engine's global name, and the
// real UMD bundle is loaded as a page's <script> (or a runtime's script) would be: it detects
// and installs on its own.
//
// `Error` and `TypeError` are Node's, so the conformance checks (which run in Node's realm)
// can recognise the shim's exceptions with `instanceof`, as in a page where both share a realm.
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from './engine-double.mjs';
import { root } from './es5-engines.mjs';
import { startServer } from '../../../conformance/server.mjs';
import { PROFILES } from '../profiles.mjs';

/** A CloseEvent class for profiles whose engine has a constructible one (Node 20 has none). */
class HostCloseEvent extends Event {
  #init;
  constructor(type, init = {}) {
    super(type, init);
    this.#init = { wasClean: !!init.wasClean, code: init.code === undefined ? 0 : init.code, reason: init.reason === undefined ? '' : String(init.reason) };
  }
  get wasClean() {
    return this.#init.wasClean;
  }
  get code() {
    return this.#init.code;
  }
  get reason() {
    return this.#init.reason;
  }
}

/** FileReader over Node's Blob: readAsArrayBuffer, onload/onerror, result/error. */
class HostFileReader {
  constructor() {
    this.result = null;
    this.error = null;
    this.readyState = 0;
    this.onload = null;
    this.onerror = null;
    this.onabort = null;
  }
  readAsArrayBuffer(blob) {
    this.readyState = 1;
    blob.arrayBuffer().then(
      (ab) => {
        this.readyState = 2;
        this.result = ab;
        if (typeof this.onload === 'function') this.onload({ type: 'load', target: this });
      },
      (e) => {
        this.readyState = 2;
        this.error = e;
        if (typeof this.onerror === 'function') this.onerror({ type: 'error', target: this });
      }
    );
  }
}

/** An interface object that exists but cannot be constructed (IE, old WebKit and Gecko). */
function stub(name, constants) {
  const f = function () {
    throw new TypeError(`Illegal constructor (${name})`);
  };
  Object.defineProperty(f, 'name', { value: name });
  if (constants) for (const [k, v] of Object.entries(constants)) f[k] = f.prototype[k] = v;
  return f;
}

const DOM_CONSTANTS = { SYNTAX_ERR: 12, INVALID_STATE_ERR: 11, INVALID_ACCESS_ERR: 15, SECURITY_ERR: 18 };

/** React Native's URL polyfill, as little as it did: href only, no normalization. */
function RNURL(url, base) {
  if (!(this instanceof RNURL)) throw new TypeError('RNURL');
  this._url = base !== undefined ? String(base).replace(/\/+$/, '') + '/' + String(url).replace(/^\/+/, '') : String(url);
}
Object.defineProperty(RNURL.prototype, 'href', {
  get() {
    return this._url;
  }
});
for (const k of ['protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin']) {
  Object.defineProperty(RNURL.prototype, k, {
    get() {
      throw new Error(`URL.${k} is not implemented`);
    }
  });
}

/**
 * React Native's Blob (Libraries/Blob/Blob.js, BlobManager.createFromParts): made from strings
 * and other Blobs only; bytes throw. The engine's own Blobs (BlobModule) are Node's here.
 */
class RNBlob extends Blob {
  constructor(parts = [], options) {
    for (const p of parts) {
      if (p instanceof ArrayBuffer || ArrayBuffer.isView(p) || Object.prototype.toString.call(p) === '[object ArrayBuffer]') {
        throw new Error("Creating blobs from 'ArrayBuffer' and 'ArrayBufferView' are not supported");
      }
    }
    super(parts, options);
  }
}

/** The value a profile's `web` entry stands for. */
function webValue(name, kind) {
  if (kind === 'native') {
    if (name === 'CloseEvent') return HostCloseEvent;
    if (name === 'FileReader') return HostFileReader;
    return globalThis[name];
  }
  if (kind === 'stub') return stub(name, name === 'DOMException' ? DOM_CONSTANTS : null);
  if (kind === 'object') return { createObjectURL() {}, revokeObjectURL() {} }; // IE's URL
  if (kind === 'rn') return name === 'Blob' ? RNBlob : RNURL;
  throw new Error(`unknown web kind ${kind} for ${name}`);
}

export const UMD_FILES = ['dist/websocket-shim.umd.js', 'dist/websocket-shim.umd.min.js'];
/** The package's generic build, what a runtime's bundler (Metro) or loader takes. */
export const NPM_FILE = 'dist/websocket-shim.cjs';
/** The builds a profile loads: the script-tag builds, or the generic build for a runtime (`build: 'npm'`). */
export const filesFor = (profile) => (profile.build === 'npm' ? [NPM_FILE] : UMD_FILES);

/**
 * Creates the context for `profile`, loads `file` in `mode`.
 * `page`: the page URL (browsers) — location.href / document.baseURI.
 * `before`: a script run before the bundle, as a page's earlier <script>.
 */
export function createProfileContext(profile, { mode = 'strict', file = filesFor(profile)[0], page, before } = {}) {
  const g = profile.globals;
  const uncaught = [];
  const logs = [];
  const sandbox = {};
  const ctx = vm.createContext(sandbox);
  const run = (code, filename) => vm.runInContext(code, ctx, { filename });
  // ES built-ins the engine did not have.
  const remove = g.remove || [];
  run(remove.map((n) => (n.indexOf('.') === -1 ? `delete this[${JSON.stringify(n)}];` : `delete ${n};`)).join('\n'), 'remove-globals.js');
  // Node's Error and TypeError (see above).
  sandbox.Error = Error;
  sandbox.TypeError = TypeError;
  // Timers (functions only); an error thrown in a task is what the page reports as uncaught.
  sandbox.setTimeout = function setTimeout(fn, ms) {
    if (typeof fn !== 'function') throw new TypeError('setTimeout: functions only');
    const args = Array.prototype.slice.call(arguments, 2);
    return globalThis.setTimeout(() => {
      try {
        fn.apply(undefined, args);
      } catch (e) {
        uncaught.push(e);
      }
    }, ms);
  };
  sandbox.clearTimeout = (id) => globalThis.clearTimeout(id);
  sandbox.console = { log: (...a) => logs.push(a.join(' ')), warn: (...a) => logs.push(a.join(' ')), error: (...a) => logs.push(a.join(' ')) };
  if (g.window) {
    run('this.window = this; this.self = this;', 'window.js');
  } else if (g.self) {
    run('this.self = this;', 'self.js');
  }
  for (const [name, kind] of Object.entries(g.web || {})) if (kind) sandbox[name] = webValue(name, kind);
  if (g.navigator) sandbox.navigator = { ...g.navigator };
  if (g.location && page) sandbox.location = { href: page };
  if (g.opera) sandbox.opera = { version: () => g.opera };
  if (g.runtime) for (const [k, v] of Object.entries(g.runtime)) sandbox[k] = JSON.parse(JSON.stringify(v));
  // How the page chooses the mode: data-mode on the script tag, else WebSocketShimOptions.
  if (g.document) {
    const script = { getAttribute: (n) => (n === 'data-mode' ? mode : null) };
    const doc = { getElementsByTagName: (t) => (t === 'script' ? [script] : []) };
    if (g.document.currentScript) doc.currentScript = script;
    if (g.document.baseURI && page) doc.baseURI = page;
    if (g.document.documentMode) doc.documentMode = g.document.documentMode;
    sandbox.document = doc;
  } else {
    sandbox.WebSocketShimOptions = { mode };
  }
  // The engine.
  let engine = null;
  if (profile.engine) {
    const origin = page ? new URL(page).origin : 'null';
    engine = createEngine(profile.engine, {
      Blob: globalThis.Blob,
      pageOrigin: origin,
      report: (e) => uncaught.push(e),
      log: (t) => logs.push(t)
    });
    Object.defineProperty(sandbox, profile.engine.globalName || 'WebSocket', { value: engine.Ctor, writable: true, configurable: true, enumerable: false });
  }
  // A page's own script before the shim's (`before`), e.g. a top-level `var WebSocket`.
  if (before) run(before, 'page-script.js');
  const text = readFileSync(join(root, file), 'utf8');
  if (file.endsWith('.cjs')) {
    // A CommonJS module, as a bundler wraps it; then installed in `mode`, as the app's entry would.
    run(`(function (module, exports) {\n${text}\n})(this.__module = { exports: {} }, this.__module.exports);`, file);
    run(`var WebSocketShim = __module.exports; WebSocketShim.install({ mode: ${JSON.stringify(mode)} });`, 'app-entry.js');
  } else {
    run(text, file);
  }
  return {
    ctx,
    run,
    sandbox,
    engine,
    uncaught,
    logs,
    /** The installed WebSocket (what page code sees as `WebSocket`). */
    get WebSocket() {
      // Where the engine has no WebSocket, install() changes nothing: the page uses the class
      // WebSocketShim gives.
      return sandbox.WebSocket || sandbox.WebSocketShim.WebSocket;
    },
    detect() {
      return JSON.parse(run('JSON.stringify(WebSocketShim.detect())', 'detect.js'));
    },
    dispose() {
      if (engine) engine.closeAll();
    }
  };
}

/**
 * The hooks of a describe block that loads the UMD into engine profiles and talks to the test
 * server: the server before, every context disposed and the server closed after.
 * `context(profile or id, options)` makes a context (strict mode and the test page by default);
 * `url(query)` a fresh connection id on the test server; `server` is set once the hook ran.
 */
export function profileSuite(idPrefix) {
  const suite = { server: null };
  const contexts = [];
  let n = 0;
  before(async () => {
    suite.server = await startServer();
  });
  after(async () => {
    for (const h of contexts) h.dispose();
    if (suite.server) await suite.server.close();
  });
  suite.context = (profile, opts = {}) => {
    const p = typeof profile === 'string' ? PROFILES.find((x) => x.id === profile) : profile;
    const h = createProfileContext(p, { mode: 'strict', page: `${suite.server.httpUrl}/static/page.html`, ...opts });
    contexts.push(h);
    return h;
  };
  suite.url = (query) => {
    const id = `${idPrefix}-${++n}`;
    return { id, href: `${suite.server.url}/x?id=${id}${query ? '&' + query : ''}` };
  };
  return suite;
}
