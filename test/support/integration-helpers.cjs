// Shared helpers for the integration suites: the class under test (built dist/, wrapping
// the backend chosen by WS_SHIM_BACKEND), the real test server, socket bookkeeping, event
// recording, DOMException assertions and child Node processes.
//
// CommonJS with syntax no newer than Node 10 has: the same suites run in old Node runtimes
// (test/runtimes/), where mocha 12 and chai 6 cannot.
//
//   WS_SHIM_BACKEND=ws       wrap require('ws')                     (plain Node)
//   WS_SHIM_BACKEND=builtin  wrap the global WebSocket (undici)     (node --experimental-websocket, 22+)
//   TEST_SERVER_URL=http://127.0.0.1:<port>  use a test server running in another process
'use strict';
const childProcess = require('child_process');
const net = require('net');
const http = require('http');
const path = require('path');

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
const distDir = join(root, 'dist');
const nodeCjs = join(distDir, 'websocket-shim.node.cjs');
const nodeMjs = join(distDir, 'websocket-shim.node.mjs');
const autoCjs = join(distDir, 'auto.node.cjs');
const autoMjs = join(distDir, 'auto.node.mjs');

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
      const w = wait === undefined ? true : wait;
      return new Promise(function (resolve, reject) {
        http
          .get(httpUrl + '/log/' + encodeURIComponent(name) + (w ? '?wait=1' : ''), function (res) {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', function (d) {
              body += d;
            });
            res.on('end', function () {
              try {
                resolve(JSON.parse(body));
              } catch (e) {
                reject(e);
              }
            });
          })
          .on('error', reject);
      });
    },
    close: function () {
      return Promise.resolve();
    }
  });
}

/** The built Node entry (CJS). */
const shim = require(nodeCjs);

const BACKEND = process.env.WS_SHIM_BACKEND || 'ws';
if (BACKEND !== 'ws' && BACKEND !== 'builtin') throw new Error('WS_SHIM_BACKEND must be "ws" or "builtin", got ' + BACKEND);

/** Node flags the current backend needs (children are started with the same ones). */
const NODE_FLAGS = BACKEND === 'builtin' ? ['--experimental-websocket'] : [];

/** The native constructor the shim wraps in this run. */
function nativeCtor() {
  if (BACKEND === 'ws') return require('ws');
  if (typeof G.WebSocket !== 'function') {
    throw new Error('WS_SHIM_BACKEND=builtin needs a global WebSocket: run node with --experimental-websocket');
  }
  return G.WebSocket;
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

/**
 * Asserts that `fn` throws a DOMException (the native one on Node 20) with this name and
 * legacy code; returns it.
 */
function expectDOMException(fn, name, code) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${name} to be thrown`).to.not.equal(null);
  expect(error).to.be.an.instanceof(G.DOMException);
  expect(error).to.be.an.instanceof(Error);
  expect(error.name).to.equal(name);
  expect(error.code).to.equal(code);
  expect(error.message).to.be.a('string').and.not.equal('');
  return error;
}

/** Asserts that `fn` throws a TypeError (IDL conversion), never a DOMException. */
function expectTypeError(fn) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a TypeError').to.not.equal(null);
  expect(error).to.be.an.instanceof(TypeError);
  expect(error).to.not.be.an.instanceof(G.DOMException);
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

module.exports = {
  startServer,
  root,
  distDir,
  nodeCjs,
  nodeMjs,
  autoCjs,
  autoMjs,
  shim,
  expect,
  BACKEND,
  NODE_FLAGS,
  nativeCtor,
  MODES,
  classFor,
  uid,
  wsUrl,
  delay,
  makeTracker,
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
