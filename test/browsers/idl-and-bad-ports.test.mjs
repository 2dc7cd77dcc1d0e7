// Conformance to the letter in real browsers (Chromium, Firefox ESR, WebKitGTK, and QtWebKit
// 5.212 with the pages' ES2015 build, test/browsers/lib/qtwebkit-pages.mjs; launched as in
// browsers.test.mjs and held on 127.0.0.1 the same way):
//   - Web IDL: the WebSockets IDL fragment (test/idl/websockets.webidl, parsed by webidl2 in the
//     page) against the engine's own WebSocket/CloseEvent and against the script-tag build's.
//     The shim passes every check the native passes, and every check (these engines can express
//     all of them). Both counts are printed per engine.
//   - Bad ports: the Fetch list, ws: and wss:, through the script-tag build in both modes:
//     strict → SecurityError (18) at once; standard → error, then close 1006; the engine is never
//     asked to connect (a spy around its constructor) and no connection reaches the listeners
//     this test opens on those ports. The engine's own behaviour is printed next to it.
import { expect } from 'chai';
import { createRequire } from 'node:module';
import { startServer, closedPort } from '../../conformance/server.mjs';
import { ENGINES, launch, missing } from './lib/engines.mjs';
import { startProxySink, formatRecords } from './lib/proxy-sink.mjs';
import { buildQtWebKitPages } from './lib/qtwebkit-pages.mjs';

const require = createRequire(import.meta.url);
const { BAD_PORTS, listenOnPorts } = require('../support/bad-ports.cjs');
const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const ONLY = process.env.BROWSERS ? process.env.BROWSERS.split(',').map((s) => s.trim()) : null;
const PAGES = '/static/test/browsers/pages/';

const failing = (result) => {
  const out = (result.items || []).filter((r) => !r.pass).map((r) => `${r.name}: expected ${r.expected}, got ${r.actual}`);
  if (result.error) out.unshift('page error: ' + result.error);
  return out;
};
const count = (result) => `${result.items.filter((r) => r.pass).length}/${result.items.length}`;

describe('browsers: Web IDL interface objects and bad ports, native and shim', function () {
  this.timeout(180000);
  let server;
  let sink;
  let listeners;
  const summary = [];

  before(async function () {
    server = await startServer();
    sink = await startProxySink();
    listeners = await listenOnPorts(BAD_PORTS);
    console.log(`      listening on ${listeners.listening.length} of ${BAD_PORTS.length} bad ports; not on: ${listeners.notListening.map(([p, why]) => `${p} (${why})`).join(', ') || 'none'}`);
  });
  after(async function () {
    if (summary.length) console.log('\n      ' + summary.join('\n      '));
    if (listeners && listeners.foreign.length) {
      console.log('      connections from processes outside this test (not counted): ' + listeners.foreign.map(([p, pid]) => `port ${p} from pid ${pid}`).join(', '));
    }
    if (listeners) await listeners.close();
    if (sink) {
      const host = server ? new URL(server.httpUrl).host : '';
      const fromPages = sink.records().filter((r) => [r.referer, r.origin].some((h) => h && h.includes(host)));
      if (fromPages.length) console.log('      proxy sink, from the pages: ' + formatRecords(fromPages).join('; '));
      await sink.close();
    }
    if (server) await server.close();
  });

  for (const engine of ENGINES) {
    if (ONLY && !ONLY.includes(engine.id)) continue;
    describe(engine.label, function () {
      const gone = missing(engine);
      if (gone.length) {
        if (CI) it(`${engine.label} is installed`, () => expect.fail(`${engine.label} is missing: ${gone.join(', ')}`));
        else it.skip(`${engine.label}: not installed (${gone.join(', ')})`);
        return;
      }
      let session = null;
      let pages = PAGES;
      before(async function () {
        if (engine.pages === 'es2015') pages = await buildQtWebKitPages();
        sink.setPhase(engine.label + ' (IDL, bad ports)');
        session = await launch(engine, { sinkAddress: sink.address });
        console.log(`      ${session.version}`);
      });
      after(async function () {
        if (session) await session.close();
      });

      async function visit(pageName, query) {
        const q = ['refused=' + (await closedPort())].concat(query ? [query] : []).join('&');
        return session.load(server.httpUrl + pages + pageName + '?' + q, { timeoutMs: 60000 });
      }

      // What the shim cannot give on QtWebKit 5.212 (measured): there every function a script
      // defines, classes too, has a non-configurable `name` and `length` (the engine's own
      // interface objects have configurable ones); and its EventTarget can neither be
      // constructed nor used on other objects ("Can only call EventTarget.addEventListener on
      // instances of EventTarget"), so the package's own EventTarget.prototype sits between
      // WebSocket.prototype and the engine's EventTarget.prototype (instanceof EventTarget holds).
      const engineLimits = engine.id === 'qtwebkit'
        ? [
            'WebSocket: name is "WebSocket"',
            'WebSocket: length is 1',
            'WebSocket: [[Prototype]] of the prototype is EventTarget.prototype'
          ]
        : [];
      it('Web IDL: the shim passes every check the native passes, and every check' + (engineLimits.length ? ` but the ${engineLimits.length} this engine makes impossible` : ''), async function () {
        const native = await visit('idl-native.html');
        const shim = await visit('idl-shim.html');
        expect(native.error, 'native page error').to.equal(null);
        expect(shim.error, 'shim page error').to.equal(null);
        expect(shim.shim, 'the shim page has the script-tag build').to.equal(true);
        expect(shim.items.map((r) => r.name)).to.deep.equal(native.items.map((r) => r.name));
        const line = `${engine.label} (${session.version}): Web IDL checks passed — native ${count(native)}, shim ${count(shim)}`;
        summary.push(line);
        console.log('        ' + line);
        for (const r of native.items.filter((x) => !x.pass)) console.log(`          native fails ${r.name}: ${r.actual}`);
        const shimById = new Map(shim.items.map((r) => [r.name, r]));
        const regressions = native.items.filter((r) => r.pass && !shimById.get(r.name).pass).map((r) => r.name);
        expect(regressions, 'checks the native passes and the shim fails').to.deep.equal(engineLimits);
        // Every check, but on QtWebKit: the engine limits above, and what the native fails too
        // where the same limit stands in the way (accessors named "get url": a script cannot
        // rename a function there; CloseEvent is the engine's own).
        const nativeFails = new Set(native.items.filter((r) => !r.pass).map((r) => r.name));
        const unexplained = shim.items
          .filter((r) => !r.pass && !engineLimits.includes(r.name) && !(engineLimits.length && nativeFails.has(r.name)))
          .map((r) => `${r.name}: ${r.actual}`);
        expect(unexplained, 'checks the shim fails').to.deep.equal([]);
      });

      for (const mode of ['strict', 'standard']) {
        it(`bad ports, ${mode}: ${mode === 'strict' ? 'SecurityError (18) at once' : 'error, then close 1006, in later tasks'} for all ${BAD_PORTS.length * 2} URLs; the engine is never asked`, async function () {
          const before = listeners.connections.length;
          const result = await visit('bad-ports-shim.html', 'mode=' + mode);
          expect(result.urls).to.equal(BAD_PORTS.length * 2);
          const bad = failing(result);
          const line = `${engine.label}: bad ports through the script tag, ${mode}: ${count(result)} passed`;
          summary.push(line);
          console.log('        ' + line);
          expect(bad).to.deep.equal([]);
          expect(listeners.connections.slice(before), 'connections that reached a bad-port listener').to.deep.equal([]);
        });
      }

      it("bad ports, the engine's own WebSocket (the native column, printed; the Standard's behaviour is the standard-mode one)", async function () {
        const before = listeners.connections.length;
        const result = await visit('bad-ports-native.html', 'mode=standard');
        expect(result.error).to.equal(null);
        const kinds = new Map();
        for (const r of result.items.filter((x) => /^wss?:/.test(x.name))) kinds.set(r.actual, (kinds.get(r.actual) || 0) + 1);
        // Not asserted: what the engine does is the engine's business (Chromium 156 connects to
        // 4190 and 6679, both on the Fetch list); printed so the native column is on record.
        const reached = [...new Set(listeners.connections.slice(before))].sort((a, b) => a - b);
        const line = `${engine.label}: bad ports, native: ${[...kinds].map(([k, n]) => `${n} × ${k}`).join('; ')}; connections reached listeners on: ${reached.join(', ') || 'none'}`;
        summary.push(line);
        console.log('        ' + line);
        expect(result.items.length).to.equal(BAD_PORTS.length * 2 + 2);
      });
    });
  }
});
