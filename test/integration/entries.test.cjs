// The package by its name on this runtime (SPEC §1 "three ways in", §5; issue: the same
// require('websocket-shim') / import 'websocket-shim/auto' gives the same WebSocket on every
// Node): a consumer folder whose node_modules/websocket-shim links to the package, and a child
// process of this runtime (same flags) that loads it and talks to the server. With
// WS_SHIM_ENTRY=modern (the matrix's modern entry, Node 18+) the same checks load
// 'websocket-shim/modern' and 'websocket-shim/modern/auto'.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  expect, BACKEND, pkgDir, rmTree, startServer, uid, wsUrl, runNode, esmLoader, NO_ESM_REASON, skipBecause, PONYFILL_SPECIFIER, AUTO_SPECIFIER, ENTRY
} = require('../support/integration-helpers.cjs');

const MAIN = PONYFILL_SPECIFIER;
const AUTO = AUTO_SPECIFIER;

const join = path.join;

const BODY = `
async function talk(C, url) {
  const ws = new C(url);
  function once(type) {
    return new Promise(function (resolve, reject) {
      const t = setTimeout(function () { reject(new Error('timeout waiting for ' + type)); }, 4000);
      ws.addEventListener(type, function (ev) { clearTimeout(t); resolve(ev); }, { once: true });
    });
  }
  await once('open');
  let m = once('message');
  ws.send('hi \\u20ac');
  const text = (await m).data;
  ws.binaryType = 'arraybuffer';
  m = once('message');
  ws.send(new Uint8Array([7, 8]));
  const bin = (await m).data;
  const c = once('close');
  ws.close(4000, 'bye');
  const ev = await c;
  return { text: text, bin: Object.prototype.toString.call(bin) + ':' + Buffer.from(bin).toString('hex'), close: [ev.code, ev.reason, ev.wasClean] };
}
`;

describe(`the package by name: CJS and ESM entries [${BACKEND}]`, function () {
  this.timeout(10000);
  let server;
  let dir;
  let ESM = false;
  before(async () => {
    server = await startServer();
    ESM = await esmLoader();
    dir = fs.mkdtempSync(join(os.tmpdir(), 'ws-shim-consumer-'));
    fs.writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    fs.mkdirSync(join(dir, 'node_modules'));
    fs.symlinkSync(pkgDir, join(dir, 'node_modules', 'websocket-shim'), 'junction');
  });
  after(() => {
    if (dir) rmTree(dir);
    return server.close();
  });

  function check(result) {
    if (!result.json || result.json.failure || result.code !== 0) {
      throw new Error(`child failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
    return result.json;
  }

  const expectedBackend = BACKEND === 'builtin' ? 'node-builtin' : 'ws';
  const talked = { text: 'hi \u20ac', bin: '[object ArrayBuffer]:0708', close: [4000, 'bye', true] };

  it(`CJS: require('${MAIN}') and require('${AUTO}') share one API; auto installs its WebSocket, which works`, async () => {
    const id = uid('entry-cjs');
    const script = BODY + `
const out = {};
const g = typeof globalThis === 'object' ? globalThis : global;
(async function () {
  const before = typeof g.WebSocket;
  const api = require('${MAIN}');
  out.ponyfillTouchedNothing = typeof g.WebSocket === before && !('__websocketShim__' in g);
  const auto = require('${AUTO}');
  out.resolved = [require.resolve('${MAIN}'), require.resolve('${AUTO}')].map(function (f) { return require('path').basename(f); });
  // auto's WebSocket is the installed global (instanceof agrees across the ways in); the rest is the API.
  out.sameApi = auto.WebSocket === g.WebSocket && auto.WebSocket === api.install() && auto.install === api.install && auto.CloseEvent === api.CloseEvent;
  out.installed = typeof g.WebSocket === 'function' && g.WebSocket === api.install() && api.detect().installed;
  out.backend = api.detect().backend;
  out.ws7Quirks = api.detect().quirks.indexOf('ws7MessageTextAsString') !== -1;
  out.global = await talk(g.WebSocket, process.env.URL + '&n=1');
  out.ponyfill = await talk(api.WebSocket, process.env.URL + '&n=2');
  out.uninstall = api.uninstall();
  out.restored = typeof g.WebSocket === before;
  console.log(JSON.stringify(out));
})().catch(function (e) { out.failure = String(e && e.stack || e); console.log(JSON.stringify(out)); process.exit(1); });
`;
    const r = check(await runNode(script, { cwd: dir, env: { URL: wsUrl(server, id) } }));
    expect(r).to.deep.equal({
      resolved: ENTRY === 'modern' ? ['modern.node.cjs', 'modern.auto.node.cjs'] : ['websocket-shim.node.cjs', 'auto.node.cjs'],
      ponyfillTouchedNothing: true,
      sameApi: true,
      installed: true,
      backend: expectedBackend,
      ws7Quirks: BACKEND === 'ws7', // the ws the package resolves is ws 7 only in the ws7 run
      global: talked,
      ponyfill: talked,
      uninstall: true,
      restored: true
    });
  });

  it(`ESM: import '${AUTO}' and import { … } from '${MAIN}' give the same WebSocket as require()`, async function () {
    if (!ESM) skipBecause(this, NO_ESM_REASON);
    const id = uid('entry-esm');
    const script = `
import autoApi from '${AUTO}';
import api, { WebSocket, install, detect, uninstall, CloseEvent, MessageEvent, version } from '${MAIN}';
import { createRequire } from 'module';
${BODY}
const out = {};
(async function () {
  const requireHere = createRequire(process.cwd() + '/consumer.cjs');
  const cjs = requireHere('${MAIN}');
  out.sameAsCjs = WebSocket === cjs.WebSocket && install === cjs.install && CloseEvent === cjs.CloseEvent && MessageEvent === cjs.MessageEvent && version === cjs.version && api.WebSocket === WebSocket;
  // Each Node ESM entry wraps the CJS file require() resolves: its default export is that module.
  out.wrapsCjs = api === cjs && autoApi === requireHere('${AUTO}') && autoApi.WebSocket === globalThis.WebSocket;
  out.installed = typeof globalThis.WebSocket === 'function' && globalThis.WebSocket === install() && cjs.install() === globalThis.WebSocket && detect().installed;
  out.backend = detect().backend;
  out.global = await talk(globalThis.WebSocket, process.env.URL + '&n=1');
  out.ponyfill = await talk(WebSocket, process.env.URL + '&n=2');
  out.uninstall = uninstall();
  out.cjsSeesUninstall = cjs.detect().installed === false;
  console.log(JSON.stringify(out));
})().catch(function (e) { out.failure = String(e && e.stack || e); console.log(JSON.stringify(out)); process.exit(1); });
`;
    const r = check(await runNode(script, { esm: true, cwd: dir, env: { URL: wsUrl(server, id) } }));
    expect(r).to.deep.equal({
      sameAsCjs: true,
      wrapsCjs: true,
      installed: true,
      backend: expectedBackend,
      global: talked,
      ponyfill: talked,
      uninstall: true,
      cjsSeesUninstall: true
    });
  });
});
