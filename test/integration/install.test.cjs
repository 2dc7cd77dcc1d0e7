// install()/uninstall() on the global object and the Node backends (SPEC §1, §5), each in a
// CHILD process so this process's globals stay clean. Children connect to the server here.
// Child scripts are CommonJS with syntax no newer than Node 10; what a runtime has by default
// (CloseEvent on 23+, MessageEvent on 15+, a built-in WebSocket on 22+) is measured, not assumed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  expect, BACKEND, NODE_FLAGS, NO_BUILTIN_FLAGS, WS_VERSION, G, distDir, rmTree, startServer, uid, wsUrl, runNode,
  esmLoader, NO_ESM_REASON, skipBecause
} = require('../support/integration-helpers.cjs');

const join = path.join;

// Shared prelude for child scripts (CommonJS, run with -e): helpers and the output object.
const PRELUDE = `
const pathToFileURL = require('url').pathToFileURL;
const join = require('path').join;
const DIST = process.env.DIST;
const ESM = process.env.ESM === '1';
const out = {};
const g = typeof globalThis === 'object' ? globalThis : global;
const NAMES = ['WebSocket', 'CloseEvent', 'MessageEvent'];
function descriptors() {
  const d = {};
  for (const n of NAMES) d[n] = Object.getOwnPropertyDescriptor(g, n);
  return d;
}
function sameDescriptor(a, b) {
  if (a === undefined || b === undefined) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
function shape(d) {
  if (!d) return null;
  return { kind: 'value' in d ? 'data' : 'accessor', writable: d.writable, enumerable: d.enumerable, configurable: d.configurable };
}
function once(ws, type) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout waiting for ' + type)), 4000);
    ws.addEventListener(type, (ev) => { clearTimeout(t); resolve(ev); }, { once: true });
  });
}
// The runtime's own DOMException: the global (17+), else the class of a MessagePort's DataCloneError (11-16).
function runtimeDOMException() {
  if (typeof g.DOMException === 'function') return g.DOMException;
  let wt;
  try { wt = require('worker_threads'); } catch (e) { return null; }
  const ch = new wt.MessageChannel();
  try { ch.port1.postMessage(function () {}); } catch (e) { return e.constructor; } finally { ch.port1.close(); ch.port2.close(); }
  return null;
}
function fail(e) {
  out.failure = String(e && e.stack || e);
  console.log(JSON.stringify(out));
  process.exit(1);
}
`;

describe(`install / uninstall in a child process [${BACKEND}]`, function () {
  this.timeout(10000);
  let server;
  let ESM = false;
  before(async () => {
    server = await startServer();
    ESM = await esmLoader();
  });
  after(() => server.close());

  // What this runtime has by default (this process runs with the same flags and installs nothing).
  const HAS = { CloseEvent: typeof G.CloseEvent === 'function', MessageEvent: typeof G.MessageEvent === 'function' };

  function check(result) {
    if (!result.json || result.json.failure || result.code !== 0) {
      throw new Error(`child failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
    return result.json;
  }

  it('auto.node.cjs installs once; ESM auto adds nothing; uninstall restores the exact descriptors; an open socket survives', async () => {
    const id = uid('inst');
    const script = PRELUDE + `
(async () => {
  // Node exposes some globals as lazy accessors that become data properties when first read.
  // pristine: before the package is loaded; before: after loading the ponyfill entry (whose
  // probes read MessageEvent), right before install(). The globals themselves are not read
  // here until after uninstall.
  const pristine = descriptors();
  require(join(DIST, 'websocket-shim.node.cjs'));
  const before = descriptors();
  out.before = { WebSocket: shape(before.WebSocket), CloseEvent: shape(before.CloseEvent), MessageEvent: shape(before.MessageEvent) };
  const api = require(join(DIST, 'auto.node.cjs')); // installs
  const Installed = g.WebSocket;
  out.installedIsFunction = typeof Installed === 'function';
  out.installedShape = shape(Object.getOwnPropertyDescriptor(g, 'WebSocket'));
  out.closeEventIsApi = g.CloseEvent === api.CloseEvent;
  out.messageEventIsApi = g.MessageEvent === api.MessageEvent;
  const messageEventWhileInstalled = g.MessageEvent;
  const d = api.detect();
  out.detect = { installed: d.installed, mode: d.mode, backend: d.backend };
  out.secondInstallSame = api.install() === Installed;
  out.strictInstallSame = api.install({ mode: 'strict' }) === Installed;
  if (ESM) {
    const esmAuto = await import(pathToFileURL(join(DIST, 'auto.node.mjs')).href);
    out.esmAutoNothingNew = g.WebSocket === Installed;
    out.esmInstallSame = esmAuto.install() === Installed;
    const esmMain = await import(pathToFileURL(join(DIST, 'websocket-shim.node.mjs')).href);
    out.esmMainInstallSame = esmMain.install() === Installed;
  }
  out.descriptorUnchangedByReinstall = g.WebSocket === Installed;

  // A socket through the installed global, opened before uninstall.
  const ws = new g.WebSocket(process.env.URL);
  out.socketIsShim = ws instanceof Installed;
  await once(ws, 'open');
  const messages = [];
  ws.addEventListener('message', (ev) => messages.push(ev.data));
  let m = once(ws, 'message');
  ws.send('before');
  await m;

  out.uninstall = api.uninstall();
  const after = descriptors();
  out.restored = {};
  for (const n of NAMES) out.restored[n] = sameDescriptor(before[n], after[n]);
  out.sinceLoad = {};
  for (const n of NAMES) {
    if (sameDescriptor(pristine[n], after[n])) out.sinceLoad[n] = 'same';
    else if (pristine[n] && 'get' in pristine[n] && after[n] && 'value' in after[n] && after[n].value === pristine[n].get.call(g)) out.sinceLoad[n] = 'materialized';
    else out.sinceLoad[n] = 'different';
  }
  out.restoredAbsent = {};
  for (const n of NAMES) out.restoredAbsent[n] = before[n] === undefined ? !(n in g) : 'n/a';
  // Now read the originals (this may materialize Node's lazy accessors).
  out.replaced = g.WebSocket !== Installed;
  out.restoredWebSocketType = typeof g.WebSocket;
  out.messageEventKept = g.MessageEvent === messageEventWhileInstalled && typeof g.MessageEvent === 'function';
  out.detectAfter = api.detect().installed;
  out.secondUninstall = api.uninstall();

  m = once(ws, 'message');
  ws.send('after');
  await m;
  ws.binaryType = 'arraybuffer';
  m = once(ws, 'message');
  ws.send(new Uint8Array([1, 2, 3]));
  const bin = await m;
  out.binaryAfterUninstall = Object.prototype.toString.call(bin.data) + ':' + Buffer.from(bin.data).toString('hex');
  const c = once(ws, 'close');
  ws.close(4000, 'bye');
  const ev = await c;
  out.messages = messages.slice(0, 2);
  out.close = { code: ev.code, reason: ev.reason, wasClean: ev.wasClean };
  console.log(JSON.stringify(out));
})().catch(fail);
`;
    const r = check(await runNode(script, { env: { DIST: distDir, URL: wsUrl(server, id), ESM: ESM ? '1' : '0' } }));
    if (BACKEND === 'builtin') {
      expect(r.before.WebSocket).to.not.equal(null); // a lazy accessor or a data property
      expect(r.restoredWebSocketType).to.equal('function');
    } else {
      expect(r.before.WebSocket).to.equal(null);
      expect(r.restoredWebSocketType).to.equal('undefined');
    }
    expect(r.before.CloseEvent !== null).to.equal(HAS.CloseEvent);
    expect(r.before.MessageEvent !== null).to.equal(HAS.MessageEvent);
    expect(r.installedIsFunction).to.equal(true);
    expect(r.replaced).to.equal(true);
    expect(r.installedShape).to.deep.equal({ kind: 'data', writable: true, enumerable: false, configurable: true });
    // The global CloseEvent/MessageEvent while installed: the API's (the package's where the
    // runtime has none — CloseEvent before 23, MessageEvent before 15 — else the native one).
    expect(r.closeEventIsApi).to.equal(true);
    expect(r.messageEventIsApi).to.equal(true);
    if (HAS.MessageEvent) expect(r.messageEventKept).to.equal(true); // the runtime's own: kept
    expect(r.detect).to.deep.equal({ installed: true, mode: 'strict', backend: BACKEND === 'builtin' ? 'node-builtin' : 'ws' });
    expect(r.secondInstallSame).to.equal(true);
    expect(r.strictInstallSame).to.equal(true);
    if (ESM) {
      expect(r.esmAutoNothingNew).to.equal(true);
      expect(r.esmInstallSame).to.equal(true);
      expect(r.esmMainInstallSame).to.equal(true);
    }
    expect(r.descriptorUnchangedByReinstall).to.equal(true);
    expect(r.socketIsShim).to.equal(true);
    expect(r.uninstall).to.equal(true);
    if (!HAS.CloseEvent) expect(r.restoredAbsent.CloseEvent).to.equal(true);
    if (!HAS.MessageEvent) expect(r.restoredAbsent.MessageEvent).to.equal(true);
    // Compared with before the package was loaded: exactly the same descriptors, also where the
    // package's own load-time probes read a lazy accessor of Node's (MessageEvent) and turned it
    // into a data property (issue 11: uninstall() restores an accessor exactly).
    expect(r.sinceLoad).to.deep.equal({ WebSocket: 'same', CloseEvent: 'same', MessageEvent: 'same' });
    if (BACKEND !== 'builtin') expect(r.restoredAbsent.WebSocket).to.equal(true);
    expect(r.detectAfter).to.equal(false);
    expect(r.secondUninstall).to.equal(false);
    expect(r.messages).to.deep.equal(['before', 'after']);
    expect(r.binaryAfterUninstall).to.equal('[object ArrayBuffer]:010203');
    expect(r.close).to.deep.equal({ code: 4000, reason: 'bye', wasClean: true });
    const rec = await server.log(id);
    expect(rec.frames.map((f) => [f.type, f.hex])).to.deep.equal([
      ['text', Buffer.from('before').toString('hex')],
      ['text', Buffer.from('after').toString('hex')],
      ['binary', '010203']
    ]);
    expect(rec.close).to.deep.equal({ code: 4000, reasonHex: Buffer.from('bye').toString('hex'), hadBody: true });
  });

  it('uninstall() restores the lazy WebSocket accessor exactly, also after the ponyfill read it (Node 20/21 --experimental-websocket)', async function () {
    const script = PRELUDE + `
  const pristine = descriptors();
  const api = require(join(DIST, 'websocket-shim.node.cjs'));
  // The ponyfill and detect() read the engine's WebSocket before install(): Node's accessor
  // becomes a data property then.
  api.detect();
  try { new api.WebSocket('ws://127.0.0.1:1/'); } catch (e) { out.ponyfillThrew = e.name; }
  out.beforeInstall = shape(Object.getOwnPropertyDescriptor(g, 'WebSocket'));
  api.install();
  api.uninstall();
  const after = descriptors();
  out.pristine = shape(pristine.WebSocket);
  out.after = shape(after.WebSocket);
  out.same = {};
  for (const n of NAMES) out.same[n] = sameDescriptor(pristine[n], after[n]);
  console.log(JSON.stringify(out));
`;
    const r = check(await runNode(script, { env: { DIST: distDir } }));
    expect(r.ponyfillThrew).to.equal('SecurityError');
    expect(r.same).to.deep.equal({ WebSocket: true, CloseEvent: true, MessageEvent: true });
    if (BACKEND === 'builtin' && r.pristine && r.pristine.kind === 'accessor') {
      expect(r.beforeInstall.kind, 'the ponyfill materialized the lazy accessor (control)').to.equal('data');
      expect(r.after).to.deep.equal(r.pristine);
    }
  });

  it('install({ mode }) after an install in another mode switches the global to that mode (never a class of another mode); sockets made before keep theirs', async function () {
    const id = uid('mode');
    const script = PRELUDE + `
(async () => {
  const api = require(join(DIST, 'websocket-shim.node.cjs'));
  const Strict = api.install();
  const before = new g.WebSocket(process.env.URL);
  await once(before, 'open');
  const Standard = api.install({ mode: 'standard' });
  out.newClass = Standard !== Strict;
  out.globalIsStandard = g.WebSocket === Standard;
  out.detectMode = api.detect().mode;
  out.sameAgain = api.install({ mode: 'standard' }) === Standard && api.install() === Standard;
  // The strict socket still rejects an unpaired surrogate; a new one replaces it.
  try { before.send('a\\ud800'); out.strictSocket = 'sent'; } catch (e) { out.strictSocket = e.name; }
  const after = new g.WebSocket(process.env.URL + '2');
  await once(after, 'open');
  try { after.send('a\\ud800'); out.standardSocket = 'sent'; } catch (e) { out.standardSocket = e.name; }
  try { new g.WebSocket('ws://127.0.0.1:25/'); out.badPort = 'no exception'; } catch (e) { out.badPort = e.name; }
  out.backToStrict = api.install({ mode: 'strict' }) !== Standard && api.detect().mode === 'strict';
  before.close(); after.close();
  out.uninstall = api.uninstall();
  console.log(JSON.stringify(out));
})().catch(fail);
`;
    const r = check(await runNode(script, { env: { DIST: distDir, URL: wsUrl(server, id) } }));
    expect(r).to.deep.equal({
      newClass: true,
      globalIsStandard: true,
      detectMode: 'standard',
      sameAgain: true,
      strictSocket: 'SyntaxError',
      standardSocket: 'sent',
      badPort: 'no exception',
      backToStrict: true,
      uninstall: true
    });
  });

  it('ESM auto first, then CJS auto: one install, one constructor', async function () {
    if (!ESM) skipBecause(this, NO_ESM_REASON);
    const script = PRELUDE + `
(async () => {
  const esm = await import(pathToFileURL(join(DIST, 'auto.node.mjs')).href);
  const Installed = g.WebSocket;
  const cjs = require(join(DIST, 'auto.node.cjs'));
  out.same = g.WebSocket === Installed && cjs.install() === Installed && esm.install() === Installed;
  out.installed = cjs.detect().installed;
  out.uninstall = esm.uninstall();
  out.afterCjsUninstall = cjs.uninstall();
  console.log(JSON.stringify(out));
})().catch(fail);
`;
    const r = check(await runNode(script, { env: { DIST: distDir } }));
    expect(r).to.deep.equal({ same: true, installed: true, uninstall: true, afterCjsUninstall: false });
  });

  it("install({ mode: 'standard' }) installs a standard-mode class: close() sends no body", async () => {
    const id = uid('inst-std');
    const script = PRELUDE + `
(async () => {
  const api = require(join(DIST, 'websocket-shim.node.cjs'));
  out.globalBefore = typeof g.WebSocket;
  const Installed = api.install({ mode: 'standard' });
  out.same = g.WebSocket === Installed;
  out.mode = api.detect().mode;
  const ws = new g.WebSocket(process.env.URL);
  await once(ws, 'open');
  let threw = null;
  try { ws.send('\\ud800'); } catch (e) { threw = e.name; }
  out.surrogateThrew = threw;
  const c = once(ws, 'close');
  ws.close();
  const ev = await c;
  out.close = { code: ev.code, wasClean: ev.wasClean };
  out.uninstall = api.uninstall();
  console.log(JSON.stringify(out));
})().catch(fail);
`;
    const r = check(await runNode(script, { env: { DIST: distDir, URL: wsUrl(server, id, 'echo=0') } }));
    expect(r.same).to.equal(true);
    expect(r.mode).to.equal('standard');
    expect(r.surrogateThrew).to.equal(null);
    expect(r.close).to.deep.equal({ code: 1005, wasClean: true });
    expect(r.uninstall).to.equal(true);
    const rec = await server.log(id);
    expect(rec.frames.map((f) => [f.type, f.hex])).to.deep.equal([['text', 'efbfbd']]);
    expect(rec.close).to.deep.equal({ code: 1005, reasonHex: '', hadBody: false });
  });

  it('Node without a built-in WebSocket (22+: --no-experimental-websocket) and ws resolvable: new WebSocket works through ws', async () => {
    const id = uid('inst-ws');
    const script = PRELUDE + `
(async () => {
  out.globalWebSocket = typeof g.WebSocket;
  const api = require(join(DIST, 'websocket-shim.node.cjs'));
  out.globalStillUntouched = typeof g.WebSocket;
  out.wsVersion = require(require.resolve('ws/package.json', { paths: [DIST] })).version;
  const d = api.detect();
  out.detect = { backend: d.backend, native: d.native, installed: d.installed };
  const ws = new api.WebSocket(process.env.URL);
  await once(ws, 'open');
  const m = once(ws, 'message');
  ws.send('via ws \\u20ac');
  out.echo = (await m).data;
  const c = once(ws, 'close');
  ws.close();
  const ev = await c;
  out.close = { code: ev.code, reason: ev.reason, wasClean: ev.wasClean };
  console.log(JSON.stringify(out));
})().catch(fail);
`;
    const r = check(await runNode(script, { flags: NO_BUILTIN_FLAGS, env: { DIST: distDir, URL: wsUrl(server, id) } }));
    // The ws the build resolves: ws 7 in the ws7 run (a project that pins it), else ws 8.
    const expectedWs = BACKEND === 'builtin' ? require('ws/package.json').version : WS_VERSION;
    expect(r).to.deep.equal({
      globalWebSocket: 'undefined',
      globalStillUntouched: 'undefined',
      wsVersion: expectedWs,
      detect: { backend: 'ws', native: 'ws', installed: false },
      echo: 'via ws \u20ac',
      close: { code: 1000, reason: '', wasClean: true }
    });
    const rec = await server.log(id);
    expect(rec.frames.map((f) => [f.type, f.hex])).to.deep.equal([['text', Buffer.from('via ws \u20ac').toString('hex')]]);
    expect(rec.close.code).to.equal(1000);
  });

  describe('Node with neither a built-in WebSocket nor ws', () => {
    let dir;
    before(() => {
      // A copy of the Node build where `ws` cannot be resolved.
      dir = fs.mkdtempSync(join(os.tmpdir(), 'ws-shim-nows-'));
      for (const f of fs.readdirSync(distDir)) {
        if (f.endsWith('.cjs') || f.endsWith('.mjs')) fs.copyFileSync(join(distDir, f), join(dir, f));
      }
    });
    after(() => rmTree(dir));

    it('new WebSocket() throws a NotSupportedError DOMException naming ws; install() changes nothing and returns null', async () => {
      const script = PRELUDE + `
(async () => {
  try { require.resolve('ws', { paths: [DIST] }); out.wsResolvable = true; } catch (e) { out.wsResolvable = false; }
  out.globalWebSocket = typeof g.WebSocket;
  const api = require(join(DIST, 'websocket-shim.node.cjs'));
  // The class to expect: the runtime's DOMException, else (Node 10) the package's own, the
  // class of the SyntaxError it throws for a bad URL.
  let Expected = runtimeDOMException();
  out.runtimeHasDOMException = !!Expected;
  if (!Expected) {
    try { new api.WebSocket('nope'); } catch (e) { Expected = e.constructor; }
  }
  out.expectedName = Expected && Expected.name;
  function attempt(C) {
    try {
      new C(process.env.URL);
      return { threw: false };
    } catch (e) {
      return { threw: true, isDOMException: e instanceof Expected, isError: e instanceof Error, name: e.name, code: e.code, message: e.message };
    }
  }
  out.ponyfill = attempt(api.WebSocket);
  out.created = attempt(api.createWebSocketClass({ mode: 'standard' }));
  const d = api.detect();
  out.detect = { backend: d.backend, native: d.native, noNative: d.unsupported.indexOf('noNativeWebSocket') !== -1 };
  require(join(DIST, 'auto.node.cjs'));
  out.installedType = typeof g.WebSocket;
  out.installReturned = api.install() === null ? 'null' : typeof api.install();
  out.marker = Object.prototype.hasOwnProperty.call(g, '__websocketShim__');
  // Validation still comes first: a bad URL is a SyntaxError, not NotSupportedError.
  try { new api.WebSocket('nope'); } catch (e) { out.badUrl = e.name; }
  api.uninstall();
  out.afterUninstall = typeof g.WebSocket;
  console.log(JSON.stringify(out));
})().catch(fail);
`;
      const r = check(await runNode(script, { flags: NO_BUILTIN_FLAGS, cwd: dir, env: { DIST: dir, URL: server.url + '/' } }));
      expect(r.wsResolvable).to.equal(false);
      expect(r.globalWebSocket).to.equal('undefined');
      expect(r.expectedName).to.equal('DOMException');
      for (const key of ['ponyfill', 'created']) {
        const e = r[key];
        expect(e.threw, key).to.equal(true);
        expect(e.isDOMException, key).to.equal(true);
        expect(e.isError, key).to.equal(true);
        expect(e.name, key).to.equal('NotSupportedError');
        expect(e.code, key).to.equal(9);
        expect(e.message, key).to.match(/\bws\b/);
      }
      expect(r.detect).to.deep.equal({ backend: 'none', native: 'none', noNative: true });
      // Nothing to wrap: no global appears, so `typeof WebSocket` feature tests still work.
      expect(r.installedType).to.equal('undefined');
      expect(r.installReturned).to.equal('null');
      expect(r.marker).to.equal(false);
      expect(r.badUrl).to.equal('SyntaxError');
      expect(r.afterUninstall).to.equal('undefined');
    });
  });

  it('this test process was not touched: no shim on the global object, the globals are the runtime defaults', async () => {
    expect(Object.prototype.hasOwnProperty.call(G, '__websocketShim__')).to.equal(false);
    if (BACKEND !== 'builtin') expect(typeof G.WebSocket).to.equal('undefined');
    // A fresh process of this runtime, with the same flags, has the same globals as this one.
    const r = check(await runNode("console.log(JSON.stringify({ WebSocket: typeof WebSocket, CloseEvent: typeof CloseEvent, MessageEvent: typeof MessageEvent }))"));
    expect({ WebSocket: typeof G.WebSocket, CloseEvent: typeof G.CloseEvent, MessageEvent: typeof G.MessageEvent }).to.deep.equal(r);
    expect(NODE_FLAGS).to.be.an('array');
  });
});
