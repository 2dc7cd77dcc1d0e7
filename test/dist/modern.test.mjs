// The modern entry refuses engines it does not cover (issue 13; README "Modern or full build"):
// the script-tag build throws a NotSupportedError naming what is missing and installs nothing,
// WebSocketShim.detect() says why (`modernEntry`), and every way to a class throws the same.
// Two hosts: the ES5-like sandbox of the full build's tests (support/sandbox.mjs: no
// EventTarget, DOMException, URL, Blob, WeakMap, Reflect, ...), and this Node in a child
// process with one thing taken away (EventTarget) — the rest is Node's own, so the error must
// name exactly that one. Control: the same child with nothing taken installs.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, root } from './support/sandbox.mjs';

const MODERN_UMD = ['dist/websocket-shim.modern.umd.js', 'dist/websocket-shim.modern.umd.min.js'];
const FULL_BUILD = 'load the full build (websocket-shim) here';

/** Runs the modern min UMD in a child Node (built-in WebSocket on) after `prelude`; returns its JSON report. */
function childReport(prelude) {
  const file = join(root, 'dist', 'websocket-shim.modern.umd.min.js');
  // WebSocket read first: Node 20's lazy built-in needs EventTarget when it loads.
  const code = `
    const before = globalThis.WebSocket;
    ${prelude}
    const vm = require('vm');
    const fs = require('fs');
    const out = {};
    try {
      vm.runInThisContext(fs.readFileSync(${JSON.stringify(file)}, 'utf8'), { filename: 'modern.umd.min.js' });
      out.loaded = true;
    } catch (e) {
      out.loaded = false;
      out.error = { name: e.name, message: e.message, isDOMException: typeof DOMException === 'function' && e instanceof DOMException, code: e.code };
    }
    const shim = globalThis.WebSocketShim;
    out.hasGlobal = typeof shim === 'object';
    out.webSocketUntouched = globalThis.WebSocket === before;
    if (shim) {
      const d = shim.detect();
      out.detect = { installed: d.installed, unsupported: d.unsupported, normalizations: d.normalizations.length, features: d.features };
      try { new shim.WebSocket('ws://127.0.0.1:65000/').close(); out.constructed = true; } catch (e) { out.constructError = e.name + ': ' + e.message; }
      try { shim.createWebSocketClass(); out.created = true; } catch (e) { out.createError = e.name; }
      try { shim.install(); out.installed = true; } catch (e) { out.installError = e.name; }
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ['--experimental-websocket', '-e', code], { encoding: 'utf8', timeout: 30000 });
  expect(r.status, r.stderr).to.equal(0);
  return JSON.parse(r.stdout);
}

describe('modern entry: refuses engines it does not cover', function () {
  this.timeout(30000);

  for (const file of MODERN_UMD) {
    describe(`${file} in the ES5-like sandbox (no EventTarget, DOMException, URL, Blob, WeakMap, Reflect)`, function () {
      let s;
      let thrown;
      before(function () {
        s = createSandbox({ variant: 'brief' });
        s.run('var engineBefore = WebSocket;');
        try {
          s.load(file);
        } catch (e) {
          thrown = e;
        }
      });

      it('loading throws NotSupportedError, naming each missing feature and the full build', function () {
        expect(thrown, 'the script threw').to.be.an('error');
        expect(thrown.message).to.include('NotSupportedError: websocket-shim/modern needs es2017, constructibleEventTarget, constructibleDOMException, urlConstructor, blobArrayBuffer, which this engine lacks; ' + FULL_BUILD);
      });

      it('installs nothing: WebSocket is still the engine, no marker', function () {
        expect(s.json('[WebSocket === engineBefore, typeof __websocketShim__]')).to.deep.equal([true, 'undefined']);
      });

      it('WebSocketShim.detect() says why, first in unsupported, and guarantees nothing', function () {
        const d = s.json('WebSocketShim.detect()');
        expect(d.installed).to.equal(false);
        expect(d.unsupported[0]).to.equal('modernEntry: websocket-shim/modern needs es2017, constructibleEventTarget, constructibleDOMException, urlConstructor, blobArrayBuffer, which this engine lacks; ' + FULL_BUILD);
        expect(d.normalizations).to.deep.equal([]);
        expect(d.features.constructibleEventTarget).to.equal(false);
      });

      it('every way to a class throws the same error (an Error named NotSupportedError: the engine has no DOMException)', function () {
        for (const call of ["new WebSocketShim.WebSocket('ws://example.test/')", 'WebSocketShim.createWebSocketClass()', 'WebSocketShim.install()']) {
          const e = s.json(`__catch(function () { ${call}; })`);
          expect(e, call).to.include({ name: 'NotSupportedError', ctor: 'Error', isError: true });
          expect(e.message, call).to.include('constructibleEventTarget');
        }
      });
    });
  }

  it('this Node without EventTarget: NotSupportedError (the engine DOMException, code 9) naming constructibleEventTarget only', function () {
    const r = childReport('delete globalThis.EventTarget;');
    expect(r.loaded).to.equal(false);
    expect(r.error).to.deep.equal({
      name: 'NotSupportedError',
      message: 'websocket-shim/modern needs constructibleEventTarget, which this engine lacks; ' + FULL_BUILD,
      isDOMException: true,
      code: 9
    });
    expect(r.hasGlobal).to.equal(true);
    expect(r.webSocketUntouched).to.equal(true);
    expect(r.detect.installed).to.equal(false);
    expect(r.detect.unsupported[0]).to.equal('modernEntry: websocket-shim/modern needs constructibleEventTarget, which this engine lacks; ' + FULL_BUILD);
    expect(r.detect.features.constructibleEventTarget).to.equal(false);
    expect(r.constructError).to.equal('NotSupportedError: websocket-shim/modern needs constructibleEventTarget, which this engine lacks; ' + FULL_BUILD);
    expect([r.createError, r.installError]).to.deep.equal(['NotSupportedError', 'NotSupportedError']);
  });

  it('this Node without Blob#arrayBuffer: refused, naming blobArrayBuffer', function () {
    const r = childReport('delete Blob.prototype.arrayBuffer;');
    expect(r.error.message).to.equal('websocket-shim/modern needs blobArrayBuffer, which this engine lacks; ' + FULL_BUILD);
    expect(r.webSocketUntouched).to.equal(true);
  });

  it('control: this Node as it is (a modern engine) installs; detect() has no modernEntry', function () {
    const r = childReport('');
    expect(r.loaded).to.equal(true);
    expect(r.error).to.equal(undefined);
    expect(r.webSocketUntouched).to.equal(false);
    expect(r.detect.installed).to.equal(true);
    expect(r.detect.unsupported.filter((u) => u.startsWith('modernEntry'))).to.deep.equal([]);
    expect(r.detect.normalizations).to.be.above(10);
    // The script-tag build has no Node engines (test/dist/node-engines.test.mjs): Node's own
    // WebSocket is refused on connect, for that reason and not the modern entry's.
    expect(r.detect.unsupported.filter((u) => u.startsWith('nodeBuild'))).to.have.length(1);
    expect(r.constructError).to.equal("NotSupportedError: websocket-shim: this build of websocket-shim is for browsers; in Node.js import or require 'websocket-shim', which resolves its Node build.");
  });
});

// `import 'websocket-shim/modern/auto'` by the package's name (the Node build, ESM and CJS) on a
// Node with one thing the modern entry needs taken away: the import throws the NotSupportedError
// install() throws, nothing is installed, and the ponyfill's detect() says why. Control: the
// same child with nothing taken installs.
describe("modern entry: import 'websocket-shim/modern/auto' refuses engines it does not cover", function () {
  this.timeout(30000);
  let dir;
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'ws-shim-modern-auto-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'websocket-shim'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  });
  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // The ponyfill is loaded first, so that detect() is at hand after the failed import (Node 20's
  // ESM loader rethrows a failed CJS module's error when a module it required is imported later).
  const LOADS = {
    ESM: ["const api = await import('websocket-shim/modern');", "await import('websocket-shim/modern/auto');"],
    CJS: ["const api = require('websocket-shim/modern');", "require('websocket-shim/modern/auto');"]
  };

  function run(kind, prelude) {
    const [loadApi, loadAuto] = LOADS[kind];
    const file = join(dir, `refuse-${kind}-${Math.random().toString(36).slice(2, 8)}.${kind === 'ESM' ? 'mjs' : 'cjs'}`);
    writeFileSync(
      file,
      `${kind === 'ESM' ? '' : '(async () => {'}
      // WebSocket read first: Node 20's lazy built-in needs EventTarget when it loads.
      const before = globalThis.WebSocket;
      ${prelude}
      ${loadApi}
      const out = {};
      try {
        ${loadAuto}
        out.loaded = true;
      } catch (e) {
        out.loaded = false;
        out.error = { name: e.name, message: e.message, isDOMException: typeof DOMException === 'function' && e instanceof DOMException, code: e.code };
      }
      out.webSocketUntouched = globalThis.WebSocket === before;
      out.marker = '__websocketShim__' in globalThis;
      const d = api.detect();
      out.detect = { installed: d.installed, modernEntry: d.unsupported.filter((u) => u.indexOf('modernEntry') === 0) };
      process.stdout.write(JSON.stringify(out));
      ${kind === 'ESM' ? '' : '})();'}`
    );
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const r = spawnSync(process.execPath, ['--experimental-websocket', file], { cwd: dir, encoding: 'utf8', timeout: 30000, env });
    // Node < 22: an ES module import() of a CommonJS module that throws rejects, and the loader
    // also reports the error as uncaught once the program is done (exit 1; nodejs/node#51603).
    // The report is written before; the error reported must be the refusal.
    const node20Quirk = kind === 'ESM' && prelude && +process.versions.node.split('.')[0] < 22;
    if (node20Quirk && r.status === 1) expect(r.stderr).to.include('DOMException [NotSupportedError]: websocket-shim/modern needs');
    else expect(r.status, r.stderr).to.equal(0);
    return JSON.parse(r.stdout);
  }

  for (const kind of ['ESM', 'CJS']) {
    it(`${kind}, this Node without EventTarget: the import throws NotSupportedError (DOMException, code 9) naming constructibleEventTarget; nothing installed; detect() says why`, function () {
      const r = run(kind, 'delete globalThis.EventTarget;');
      const why = 'websocket-shim/modern needs constructibleEventTarget, which this engine lacks; ' + FULL_BUILD;
      expect(r).to.deep.equal({
        loaded: false,
        error: { name: 'NotSupportedError', message: why, isDOMException: true, code: 9 },
        webSocketUntouched: true,
        marker: false,
        detect: { installed: false, modernEntry: ['modernEntry: ' + why] }
      });
    });
  }

  it('CJS, this Node without Blob#arrayBuffer: refused, naming blobArrayBuffer', function () {
    const r = run('CJS', 'delete Blob.prototype.arrayBuffer;');
    expect(r.error.message).to.equal('websocket-shim/modern needs blobArrayBuffer, which this engine lacks; ' + FULL_BUILD);
    expect([r.loaded, r.webSocketUntouched, r.marker]).to.deep.equal([false, true, false]);
  });

  for (const kind of ['ESM', 'CJS']) {
    it(`control, ${kind}: this Node as it is installs; detect() has no modernEntry`, function () {
      const r = run(kind, '');
      expect(r).to.deep.equal({ loaded: true, webSocketUntouched: false, marker: true, detect: { installed: true, modernEntry: [] } });
    });
  }
});
