// Shared helpers for the integration suites: the class under test (built dist/, wrapping
// the backend chosen by WS_SHIM_BACKEND), the real test server, socket bookkeeping, event
// recording, DOMException assertions and child Node processes.
//
// CommonJS with syntax no newer than Node 10 has: the same suites run in old Node runtimes
// (test/runtimes/), where mocha 12 and chai 6 cannot.
//
//   WS_SHIM_BACKEND=ws       wrap require('ws') (ws 8)              (Node without a built-in WebSocket)
//   WS_SHIM_BACKEND=ws7      wrap ws 7 (the `ws7` alias), and the build resolves `ws` to ws 7 too
//   WS_SHIM_BACKEND=builtin  wrap the global WebSocket (undici)     (node --experimental-websocket, 22+)
//   TEST_SERVER_URL=http://127.0.0.1:<port>  use a test server running in another process
//   WS_SHIM_ENTRY=modern     the class under test comes from websocket-shim/modern (dist/modern.node.cjs)
//                            instead of the full build, and the entries suite loads websocket-shim/modern
//                            and websocket-shim/modern/auto (issue 13; Node 18–24 runs, test/runtimes/matrix.mjs)
//
// The process runs with the node flags its backend needs (run-all.mjs, test/runtimes/matrix.mjs):
// --experimental-websocket for the built-in on 20/21, --no-experimental-websocket for ws on 22+.
// Child processes get the same ones (NODE_FLAGS).
'use strict';
const childProcess = require('child_process');
const net = require('net');
const { fetchLog } = require('../../conformance/fetch-log.cjs');
const path = require('path');
const fs = require('fs');
const os = require('os');

const spawn = childProcess.spawn;
const createNetServer = net.createServer;
const join = path.join;
const G = typeof globalThis === 'object' ? globalThis : global;

/** chai on the Node running mocha; the chai 4 build on runtimes chai 6 does not support. */
function loadChai() {
  try {
    return require('chai');
  } catch (e) {
    return require('chai-legacy');
  }
}
const expect = loadChai().expect;

const root = join(__dirname, '..', '..');

const BACKEND = process.env.WS_SHIM_BACKEND || 'ws';
if (BACKEND !== 'ws' && BACKEND !== 'ws7' && BACKEND !== 'builtin') {
  throw new Error('WS_SHIM_BACKEND must be "ws", "ws7" or "builtin", got ' + BACKEND);
}

/** Removes a folder tree (fs.rmSync is Node 14.14+). */
function rmTree(p) {
  let st;
  try {
    st = fs.lstatSync(p);
  } catch (e) {
    return;
  }
  if (st.isDirectory()) {
    for (const f of fs.readdirSync(p)) rmTree(join(p, f));
    fs.rmdirSync(p);
  } else {
    fs.unlinkSync(p);
  }
}

/**
 * The package folder under test. For ws7: a copy of package.json and the built files in a
 * temporary folder whose node_modules/ws is ws 7, so that the build's own require('ws') (the
 * auto entry, install()) gets ws 7 as in a project that pins it. Removed when the process exits.
 */
function packageDir() {
  if (BACKEND !== 'ws7') return root;
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'ws-shim-ws7-'));
  process.on('exit', function () {
    try {
      rmTree(dir);
    } catch (e) {
      // best effort
    }
  });
  fs.copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  // The stub folders for resolvers without "exports" (Node 10).
  for (const stub of ['auto', 'modern', join('modern', 'auto')]) {
    fs.mkdirSync(join(dir, stub));
    fs.copyFileSync(join(root, stub, 'package.json'), join(dir, stub, 'package.json'));
  }
  fs.mkdirSync(join(dir, 'dist'));
  for (const f of fs.readdirSync(join(root, 'dist'))) {
    if (/\.(c|m)?js$/.test(f)) fs.copyFileSync(join(root, 'dist', f), join(dir, 'dist', f));
  }
  fs.mkdirSync(join(dir, 'node_modules'));
  fs.symlinkSync(join(root, 'node_modules', 'ws7'), join(dir, 'node_modules', 'ws'), 'junction');
  return dir;
}
const pkgDir = packageDir();
const distDir = join(pkgDir, 'dist');
const ENTRY = process.env.WS_SHIM_ENTRY || 'full';
if (ENTRY !== 'full' && ENTRY !== 'modern') throw new Error('WS_SHIM_ENTRY must be "full" or "modern", got ' + ENTRY);
const nodeCjs = join(distDir, ENTRY === 'modern' ? 'modern.node.cjs' : 'websocket-shim.node.cjs');
const nodeMjs = join(distDir, ENTRY === 'modern' ? 'modern.node.mjs' : 'websocket-shim.node.mjs');
const autoCjs = join(distDir, ENTRY === 'modern' ? 'modern.auto.node.cjs' : 'auto.node.cjs');
const autoMjs = join(distDir, ENTRY === 'modern' ? 'modern.auto.node.mjs' : 'auto.node.mjs');
/** The entry's specifiers by package name: the ponyfill and its side-effect import. */
const PONYFILL_SPECIFIER = ENTRY === 'modern' ? 'websocket-shim/modern' : 'websocket-shim';
const AUTO_SPECIFIER = PONYFILL_SPECIFIER + '/auto';

/**
 * The test server: the one named by TEST_SERVER_URL (test/run-all.mjs and the runtime matrix
 * start it in their own process), else one started here (conformance/server.mjs).
 */
function startServer() {
  const remote = process.env.TEST_SERVER_URL;
  if (!remote) return require('../../conformance/server.mjs').startServer();
  const httpUrl = remote.replace(/\/$/, '');
  const port = +/:(\d+)$/.exec(httpUrl)[1];
  return Promise.resolve({
    port: port,
    url: 'ws://127.0.0.1:' + port,
    httpUrl: httpUrl,
    log: function (name, wait) {
      return fetchLog(httpUrl, name, wait === undefined ? true : wait);
    },
    close: function () {
      return Promise.resolve();
    }
  });
}

/** The built Node entry (CJS). */
const shim = require(nodeCjs);

/** The websocket flags this process was started with; children are started with the same ones. */
const NODE_FLAGS = process.execArgv.filter(function (a) {
  return /^--(no-)?experimental-websocket$/.test(a);
});

/**
 * Flags for a child Node without a built-in WebSocket: none where the runtime has none by
 * default, --no-experimental-websocket where it has one (22+).
 */
const NO_BUILTIN_FLAGS =
  NODE_FLAGS.indexOf('--no-experimental-websocket') !== -1 ||
  (typeof G.WebSocket === 'function' && NODE_FLAGS.indexOf('--experimental-websocket') === -1)
    ? ['--no-experimental-websocket']
    : [];

if (BACKEND === 'builtin' && typeof G.WebSocket !== 'function') {
  throw new Error('WS_SHIM_BACKEND=builtin needs a global WebSocket: run node with --experimental-websocket (20/21)');
}
if (BACKEND !== 'builtin' && typeof G.WebSocket !== 'undefined') {
  throw new Error('WS_SHIM_BACKEND=' + BACKEND + ' stands for Node without a built-in WebSocket: run node with --no-experimental-websocket (22+)');
}

/** The native constructor the shim wraps in this run. */
function nativeCtor() {
  if (BACKEND === 'ws') return require('ws');
  if (BACKEND === 'ws7') return require('ws7');
  return G.WebSocket;
}

/** `major.minor.patch` of the ws package wrapped in this run ('' for the built-in). */
const WS_VERSION = BACKEND === 'builtin' ? '' : require(join(root, 'node_modules', BACKEND === 'ws7' ? 'ws7' : 'ws', 'package.json')).version;

/**
 * The runtime's Blob: the global, else require('buffer').Blob (Node 14.18–17), else null
 * (Node 10–14.17: no Blob class anywhere; SPEC §2 lets binaryType 'blob' fall back then).
 */
const Blob = (function () {
  if (typeof G.Blob === 'function') return G.Blob;
  try {
    const B = require('buffer').Blob;
    return typeof B === 'function' ? B : null;
  } catch (e) {
    return null;
  }
})();

/** Why a Blob test cannot run on this runtime (SPEC §2 binaryType: no Blob class anywhere). */
const NO_BLOB_REASON = 'SPEC §2: Node ' + process.versions.node + ' has no Blob class (no global Blob, no buffer.Blob), so there is no Blob to send or receive';

/**
 * Node's built-in WebSocket with undici < 6.16.0 (Node 21, early 20.x/22.x) holds a message
 * with an empty payload that ends a TCP read until the next frame arrives (nodejs/undici#3202):
 * an engine limitation the shim cannot work around (SPEC §4: detect() and the README say so).
 */
const EMPTY_MESSAGE_HELD = (function () {
  const m = /^(\d+)\.(\d+)\./.exec(process.versions.undici || '');
  return BACKEND === 'builtin' && !!m && (+m[1] < 6 || (+m[1] === 6 && +m[2] < 16));
})();
const EMPTY_MESSAGE_REASON =
  'SPEC §4: the built-in WebSocket of Node ' + process.versions.node + ' (undici ' + process.versions.undici +
  ') holds a message with an empty payload until the next frame arrives (nodejs/undici#3202, fixed in undici 6.16.0); detect() reports it';

// undici before 6.29 / 7.29 (measured: 6.11.1, 6.21.x, 6.23.0, 7.8.0, 7.16.0 throw; 6.29.1, 7.29.1,
// 7.30.2 fail the connection): a server that selects a subprotocol when none was asked for
// makes undici throw an uncaught TypeError inside its own handshake code (it reads
// `.includes` of null), which ends the process. The shim is not on that call stack.
const UNREQUESTED_PROTOCOL_CRASH = (function () {
  const m = /^(\d+)\.(\d+)\./.exec(process.versions.undici || '');
  return BACKEND === 'builtin' && !!m && (+m[1] < 6 || ((+m[1] === 6 || +m[1] === 7) && +m[2] < 29));
})();
const UNREQUESTED_PROTOCOL_REASON =
  'SPEC §4: the built-in WebSocket of Node ' + process.versions.node + ' (undici ' + process.versions.undici +
  ') throws an uncaught TypeError when the server selects a subprotocol that was not asked for (fixed by undici 6.29 / 7.29); detect() reports it';

/** The runtime's Event and EventTarget, else the package's own (SPEC §6: Node < 15 has none). */
const Event = typeof G.Event === 'function' ? G.Event : Object.getPrototypeOf(shim.MessageEvent.prototype).constructor;
const EventTarget =
  typeof G.EventTarget === 'function' ? G.EventTarget : Object.getPrototypeOf(shim.WebSocket.prototype).constructor;

/**
 * The runtime's own DOMException where it has one: the global (Node 17+), else the class of the
 * DataCloneError a MessagePort throws (Node 11–16 have DOMException, but not as a global).
 */
function runtimeDOMException() {
  if (typeof G.DOMException === 'function') return G.DOMException;
  let wt;
  try {
    wt = require('worker_threads');
  } catch (e) {
    return null; // Node 10: no worker_threads without a flag, no DOMException at all
  }
  const ch = new wt.MessageChannel();
  try {
    ch.port1.postMessage(function () {});
  } catch (e) {
    return e && e.name === 'DataCloneError' ? e.constructor : null;
  } finally {
    ch.port1.close();
    ch.port2.close();
  }
  return null;
}

/**
 * The DOMException class the package must throw on this runtime (SPEC §2 "Errors"): the
 * runtime's own, else (Node 10) the package's own class, taken from an error it throws for a
 * bad URL and checked to look like one (name, legacy constants, an Error subclass).
 */
const DOMException = (function () {
  const native = runtimeDOMException();
  if (native) return native;
  let own = null;
  try {
    new shim.WebSocket('not a url');
  } catch (e) {
    own = e.constructor;
  }
  if (!own || own.name !== 'DOMException' || own.SYNTAX_ERR !== 12 || !(own.prototype instanceof Error)) {
    throw new Error('the package has no DOMException class of its own on this runtime');
  }
  return own;
})();

/** The runtime has an ES module loader (Node 12.17+): probed by the test that needs it. */
let esmProbe = null;
function esmLoader() {
  if (!esmProbe) {
    esmProbe = runNode("import('data:text/javascript,export default 42').then(function (m) { console.log(JSON.stringify(m.default)); })", {
      flags: NODE_FLAGS
    }).then(function (r) {
      return r.json === 42;
    });
  }
  return esmProbe;
}
const NO_ESM_REASON = 'Node ' + process.versions.node + ' has no ES module loader (import() rejects with "Not supported"): the ESM entries cannot load';

/**
 * Skips the current test (or, from a before hook, the suite) and says why: mocha and the
 * runtime runner print the reason.
 */
function skipBecause(ctx, reason) {
  if (typeof ctx.skipReason === 'function') ctx.skipReason(reason);
  else console.log('      skipped: ' + reason);
  ctx.skip();
}

const MODES = ['strict', 'standard'];

const classes = new Map();
/** The class under test for a mode: createWebSocketClass({ mode, native }) from dist. */
function classFor(mode) {
  if (!classes.has(mode)) classes.set(mode, shim.createWebSocketClass({ mode, native: nativeCtor() }));
  return classes.get(mode);
}

let counter = 0;
/** A connection id unique in this process. */
function uid(prefix = 'c') {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Date.now().toString(36)}`;
}

/** ws://127.0.0.1:<port>/<path>?id=<id>&<extra> */
function wsUrl(server, id, extra = '', path = '/t') {
  return `${server.url}${path}?id=${encodeURIComponent(id)}${extra ? '&' + extra : ''}`;
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Socket bookkeeping: every socket made through `tracker.make()` is failed/closed in
 * `tracker.cleanup()` (call it from afterEach) so mocha exits by itself.
 */
function makeTracker() {
  const sockets = [];
  return {
    make(Ctor, ...args) {
      const ws = new Ctor(...args);
      sockets.push(ws);
      return ws;
    },
    add(ws) {
      sockets.push(ws);
      return ws;
    },
    async cleanup() {
      const waits = [];
      for (const ws of sockets.splice(0)) {
        if (ws.readyState === 3) continue;
        waits.push(new Promise((resolve) => {
          ws.addEventListener('close', resolve);
          setTimeout(resolve, 1000);
        }));
        try {
          if (ws.readyState !== 2) ws.close(1000);
        } catch (e) {
          // already failing
        }
      }
      await Promise.all(waits);
    }
  };
}

/** Resolves with the next event of this type (rejects after `ms`). */
function nextEvent(target, type, ms = 3000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for '${type}'`)), ms);
    target.addEventListener(type, function listener(ev) {
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(ev);
    });
  });
}

/** Resolves once the socket is OPEN; rejects on error/close first. */
function opened(ws, ms = 3000) {
  if (ws.readyState === 1) return Promise.resolve(ws);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for open')), ms);
    const done = (fn, v) => {
      clearTimeout(timer);
      ws.removeEventListener('open', onOpen);
      ws.removeEventListener('close', onClose);
      fn(v);
    };
    const onOpen = () => done(resolve, ws);
    const onClose = (ev) => done(reject, new Error(`closed before open: ${ev.code}`));
    ws.addEventListener('open', onOpen);
    ws.addEventListener('close', onClose);
  });
}

/** Opens a socket of class `Ctor` and waits for 'open'. */
async function openSocket(tracker, Ctor, url, protocols, options) {
  const args = [url];
  if (protocols !== undefined || options !== undefined) args.push(protocols);
  if (options !== undefined) args.push(options);
  const ws = tracker.make(Ctor, ...args);
  await opened(ws);
  return ws;
}

/** Resolves with the 'close' event (or at once with null if already CLOSED and missed). */
function closed(ws, ms = 4000) {
  return nextEvent(ws, 'close', ms);
}

/**
 * Records every event of the four types as [type, readyState inside the listener],
 * and the events themselves.
 */
function recordEvents(ws, types = ['open', 'message', 'error', 'close']) {
  const seq = [];
  const events = [];
  for (const type of types) {
    ws.addEventListener(type, (ev) => {
      seq.push([type, ws.readyState]);
      events.push(ev);
    });
  }
  return { seq, events };
}

/** UTF-8 hex of a (well-formed) string. */
const utf8Hex = (s) => Buffer.from(s, 'utf8').toString('hex');

/** Hex of bytes (ArrayBuffer, view). */
function hexOf(data) {
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('hex');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}

/** The frames the server recorded, as [type, hex]. */
function frames(rec) {
  return rec.frames.map((f) => [f.type, f.hex]);
}

/** What `fn` throws, or null when it returns. */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

/**
 * Asserts that `fn` throws a DOMException with this name and legacy code: the runtime's own
 * class where it has one (global on 17+, recovered on 11–16), else the package's; returns it.
 */
function expectDOMException(fn, name, code) {
  const error = thrown(fn);
  expect(error, `expected ${name} to be thrown`).to.not.equal(null);
  expect(error).to.be.an.instanceof(DOMException);
  expect(error).to.be.an.instanceof(Error);
  expect(error.name).to.equal(name);
  expect(error.code).to.equal(code);
  expect(error.message).to.be.a('string').and.not.equal('');
  return error;
}

/** Asserts that `fn` throws a TypeError (IDL conversion), never a DOMException. */
function expectTypeError(fn) {
  const error = thrown(fn);
  expect(error, 'expected a TypeError').to.not.equal(null);
  expect(error).to.be.an.instanceof(TypeError);
  expect(error).to.not.be.an.instanceof(DOMException);
  return error;
}

/** A TCP port on 127.0.0.1 that was bound and closed again (connections are refused). */
function refusedPort() {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs a Node child process (same binary) with `flags` and a script (`-e`, CommonJS by
 * default, `esm: true` for a module) and resolves with { code, stdout, stderr, json } where
 * json is the last stdout line parsed as JSON (or null). Asynchronous: the child may
 * connect to a server in this process.
 */
function runNode(script, { flags = NODE_FLAGS, env = {}, cwd = root, esm = false, timeout = 8000 } = {}) {
  return new Promise((resolve, reject) => {
    const args = [...flags];
    if (esm) args.push('--input-type=module');
    args.push('-e', script);
    const baseEnv = { ...process.env };
    delete baseEnv.NODE_OPTIONS;
    delete baseEnv.NODE_PATH;
    const child = spawn(process.execPath, args, { cwd, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`child timed out; stdout: ${stdout}; stderr: ${stderr}`));
    }, timeout);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = stdout.trim().split('\n');
      let json = null;
      try {
        json = JSON.parse(lines[lines.length - 1]);
      } catch (e) {
        json = null;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}

/**
 * Catches what the host reports as uncaught while `fn` runs: 'uncaughtException' (Node's
 * EventTarget, the package's setTimeout rethrow) and G.reportError (stubbed when
 * the runtime has none). Mocha's own handlers are removed meanwhile and restored after.
 */
async function catchReported(fn) {
  const reported = [];
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  const onUncaught = (e) => reported.push(e);
  process.on('uncaughtException', onUncaught);
  const hadReport = Object.prototype.hasOwnProperty.call(G, 'reportError');
  const savedReport = Object.getOwnPropertyDescriptor(G, 'reportError');
  G.reportError = (e) => reported.push(e);
  try {
    await fn(reported);
  } finally {
    process.removeListener('uncaughtException', onUncaught);
    for (const l of saved) process.on('uncaughtException', l);
    if (hadReport) Object.defineProperty(G, 'reportError', savedReport);
    else delete G.reportError;
  }
  return reported;
}

/**
 * The hooks of a describe block that talks to the test server: the server before its tests, the
 * tracked sockets closed after each test, the server released after. Returns { server, tracker }
 * (`server` is set once the before hook ran).
 */
function serverHooks() {
  const ctx = { server: null, tracker: makeTracker() };
  before(async function () {
    ctx.server = await startServer();
  });
  afterEach(function () {
    return ctx.tracker.cleanup();
  });
  after(function () {
    return ctx.server && ctx.server.close();
  });
  return ctx;
}

module.exports = {
  thrown,
  ENTRY,
  startServer,
  root,
  pkgDir,
  distDir,
  rmTree,
  nodeCjs,
  nodeMjs,
  autoCjs,
  autoMjs,
  PONYFILL_SPECIFIER,
  AUTO_SPECIFIER,
  shim,
  expect,
  BACKEND,
  NODE_FLAGS,
  NO_BUILTIN_FLAGS,
  WS_VERSION,
  nativeCtor,
  G,
  Blob,
  NO_BLOB_REASON,
  EMPTY_MESSAGE_HELD,
  EMPTY_MESSAGE_REASON,
  UNREQUESTED_PROTOCOL_CRASH,
  UNREQUESTED_PROTOCOL_REASON,
  Event,
  EventTarget,
  DOMException,
  esmLoader,
  NO_ESM_REASON,
  skipBecause,
  MODES,
  classFor,
  uid,
  wsUrl,
  delay,
  makeTracker,
  serverHooks,
  nextEvent,
  opened,
  openSocket,
  closed,
  recordEvents,
  utf8Hex,
  hexOf,
  frames,
  expectDOMException,
  expectTypeError,
  refusedPort,
  runNode,
  catchReported
};
