// Shared helpers for test/integration/*.test.mjs: the class under test (built dist/, wrapping
// the backend chosen by WS_SHIM_BACKEND), the real test server, socket bookkeeping, event
// recording, DOMException assertions and child Node processes.
//
//   WS_SHIM_BACKEND=ws       wrap require('ws')                     (plain Node 20)
//   WS_SHIM_BACKEND=builtin  wrap the global WebSocket (undici)     (node --experimental-websocket)
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { startServer } from '../../conformance/server.mjs';

export { startServer };

const require = createRequire(import.meta.url);
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(root, 'dist');
export const nodeCjs = join(distDir, 'websocket-shim.node.cjs');
export const nodeMjs = join(distDir, 'websocket-shim.node.mjs');
export const autoCjs = join(distDir, 'auto.node.cjs');
export const autoMjs = join(distDir, 'auto.node.mjs');

/** The built Node entry (CJS). */
export const shim = require(nodeCjs);

export const BACKEND = process.env.WS_SHIM_BACKEND || 'ws';
if (BACKEND !== 'ws' && BACKEND !== 'builtin') throw new Error('WS_SHIM_BACKEND must be "ws" or "builtin", got ' + BACKEND);

/** Node flags the current backend needs (children are started with the same ones). */
export const NODE_FLAGS = BACKEND === 'builtin' ? ['--experimental-websocket'] : [];

/** The native constructor the shim wraps in this run. */
export function nativeCtor() {
  if (BACKEND === 'ws') return require('ws');
  if (typeof globalThis.WebSocket !== 'function') {
    throw new Error('WS_SHIM_BACKEND=builtin needs a global WebSocket: run node with --experimental-websocket');
  }
  return globalThis.WebSocket;
}

export const MODES = ['strict', 'standard'];

const classes = new Map();
/** The class under test for a mode: createWebSocketClass({ mode, native }) from dist. */
export function classFor(mode) {
  if (!classes.has(mode)) classes.set(mode, shim.createWebSocketClass({ mode, native: nativeCtor() }));
  return classes.get(mode);
}

let counter = 0;
/** A connection id unique in this process. */
export function uid(prefix = 'c') {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Date.now().toString(36)}`;
}

/** ws://127.0.0.1:<port>/<path>?id=<id>&<extra> */
export function wsUrl(server, id, extra = '', path = '/t') {
  return `${server.url}${path}?id=${encodeURIComponent(id)}${extra ? '&' + extra : ''}`;
}

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Socket bookkeeping: every socket made through `tracker.make()` is failed/closed in
 * `tracker.cleanup()` (call it from afterEach) so mocha exits by itself.
 */
export function makeTracker() {
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
export function nextEvent(target, type, ms = 3000) {
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
export function opened(ws, ms = 3000) {
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
export async function openSocket(tracker, Ctor, url, protocols, options) {
  const args = [url];
  if (protocols !== undefined || options !== undefined) args.push(protocols);
  if (options !== undefined) args.push(options);
  const ws = tracker.make(Ctor, ...args);
  await opened(ws);
  return ws;
}

/** Resolves with the 'close' event (or at once with null if already CLOSED and missed). */
export function closed(ws, ms = 4000) {
  return nextEvent(ws, 'close', ms);
}

/**
 * Records every event of the four types as [type, readyState inside the listener],
 * and the events themselves.
 */
export function recordEvents(ws, types = ['open', 'message', 'error', 'close']) {
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
export const utf8Hex = (s) => Buffer.from(s, 'utf8').toString('hex');

/** Hex of bytes (ArrayBuffer, view). */
export function hexOf(data) {
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('hex');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}

/** The frames the server recorded, as [type, hex]. */
export function frames(rec) {
  return rec.frames.map((f) => [f.type, f.hex]);
}

/**
 * Asserts that `fn` throws a DOMException (the native one on Node 20) with this name and
 * legacy code; returns it.
 */
export function expectDOMException(fn, name, code) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${name} to be thrown`).to.not.equal(null);
  expect(error).to.be.an.instanceof(globalThis.DOMException);
  expect(error).to.be.an.instanceof(Error);
  expect(error.name).to.equal(name);
  expect(error.code).to.equal(code);
  expect(error.message).to.be.a('string').and.not.equal('');
  return error;
}

/** Asserts that `fn` throws a TypeError (IDL conversion), never a DOMException. */
export function expectTypeError(fn) {
  let error = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a TypeError').to.not.equal(null);
  expect(error).to.be.an.instanceof(TypeError);
  expect(error).to.not.be.an.instanceof(globalThis.DOMException);
  return error;
}

/** A TCP port on 127.0.0.1 that was bound and closed again (connections are refused). */
export function refusedPort() {
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
export function runNode(script, { flags = NODE_FLAGS, env = {}, cwd = root, esm = false, timeout = 8000 } = {}) {
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
 * EventTarget, the package's setTimeout rethrow) and globalThis.reportError (stubbed when
 * the runtime has none). Mocha's own handlers are removed meanwhile and restored after.
 */
export async function catchReported(fn) {
  const reported = [];
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  const onUncaught = (e) => reported.push(e);
  process.on('uncaughtException', onUncaught);
  const hadReport = Object.prototype.hasOwnProperty.call(globalThis, 'reportError');
  const savedReport = Object.getOwnPropertyDescriptor(globalThis, 'reportError');
  globalThis.reportError = (e) => reported.push(e);
  try {
    await fn(reported);
  } finally {
    process.removeListener('uncaughtException', onUncaught);
    for (const l of saved) process.on('uncaughtException', l);
    if (hadReport) Object.defineProperty(globalThis, 'reportError', savedReport);
    else delete globalThis.reportError;
  }
  return reported;
}
