// Content-Security-Policy without 'unsafe-eval': no code from strings anywhere in dist.
// Two checks: the text of every dist JS file, and the UMD bundles (plus the generic CJS
// build) run in a vm context with string code generation disabled, which is what such a
// CSP enforces (eval / new Function / setTimeout(string) throw EvalError).
import { expect } from 'chai';
import vm from 'node:vm';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox, tick, root, UMD_FILES } from './support/sandbox.mjs';

const distFiles = readdirSync(join(root, 'dist'))
  .filter((f) => /\.(js|mjs|cjs)$/.test(f))
  .sort()
  .map((f) => 'dist/' + f);

// Code from strings, the ways it is written. (Comments are scanned too: the rule is "not in
// the text", so a comment that needs one of these words must spell it differently.)
const FORBIDDEN = [
  ['eval', /(?<![\w$])eval(?![\w$])/],
  ['Function constructor', /(?<![\w$])Function\s*\(/],
  ['constructor called with a string', /\.constructor\s*\(\s*['"`]/],
  ['setTimeout/setInterval/setImmediate with a string', /(?<![\w$])(?:setTimeout|setInterval|setImmediate)\s*\(\s*['"`]/],
  ['execScript', /(?<![\w$])execScript(?![\w$])/],
  ['WebAssembly compile', /(?<![\w$])WebAssembly\s*\.\s*(?:compile|instantiate|Module)/]
];

function scan(text) {
  const hits = [];
  for (const [label, re] of FORBIDDEN) {
    const m = re.exec(text);
    if (m) hits.push(`${label}: …${text.slice(Math.max(0, m.index - 30), m.index + 40)}…`);
  }
  return hits;
}

describe('CSP: no code from strings', function () {
  it('dist holds the files this suite expects to scan', function () {
    expect(distFiles).to.include.members([
      'dist/websocket-shim.mjs',
      'dist/websocket-shim.cjs',
      'dist/auto.mjs',
      'dist/auto.cjs',
      'dist/websocket-shim.node.cjs',
      'dist/websocket-shim.node.mjs',
      'dist/auto.node.cjs',
      'dist/auto.node.mjs',
      'dist/websocket-shim.umd.js',
      'dist/websocket-shim.umd.min.js'
    ]);
  });

  it('the scanner finds each forbidden form and passes ordinary code (control)', function () {
    for (const bad of [
      'eval("1")',
      'var e = eval; e("1")',
      '(0, eval)("1")',
      'window.eval("x")',
      'new Function("a", "return a")',
      'Function("return this")()',
      'x = window.Function("return 1")',
      '[].constructor.constructor("return this")()',
      'setTimeout("alert(1)", 0)',
      "setInterval('tick()', 10)",
      'setTimeout(`x`)',
      'window.execScript("x")',
      'WebAssembly.instantiate(bytes)'
    ]) {
      expect(scan(bad), bad).to.have.length.greaterThan(0);
    }
    for (const ok of [
      'setTimeout(function () {}, 0)',
      'setTimeout(fn, 0)',
      'function evaluate() {} evaluate(); retrieval(); medieval = 1',
      'typeof x === "function"',
      'Function.prototype.call',
      'isFunction(x); myFunction (x)',
      'x.constructor === Object'
    ]) {
      expect(scan(ok), ok).to.deep.equal([]);
    }
  });

  for (const file of distFiles) {
    it(`${file}: no eval, Function constructor or string timer in the text`, function () {
      expect(scan(readFileSync(join(root, file), 'utf8'))).to.deep.equal([]);
    });
  }

  it('a context with codeGeneration { strings: false } refuses eval and new Function (control)', function () {
    const locked = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
    expect(() => vm.runInContext('eval("1 + 1")', locked)).to.throw(/Code generation from strings disallowed/);
    expect(() => vm.runInContext('new Function("return 1")', locked)).to.throw(/Code generation from strings disallowed/);
    expect(() => vm.runInContext('Function("return 1")', locked)).to.throw(/Code generation from strings disallowed/);
    // ... and the same code runs where code generation is allowed, so the refusal is the setting.
    const open = vm.createContext({});
    expect(vm.runInContext('eval("1 + 1")', open)).to.equal(2);
  });

  for (const file of UMD_FILES) {
    describe(`${file} under a CSP without unsafe-eval`, function () {
      it('installs without throwing, with an engine present', function () {
        const s = createSandbox({ fake: true });
        s.load(file);
        expect(s.json('[typeof WebSocketShim, typeof WebSocket, WebSocketShim.detect().installed]')).to.deep.equal(['object', 'function', true]);
      });

      it('loads without throwing with no engine present, and installs nothing', function () {
        const s = createSandbox({ fake: false });
        s.load(file);
        expect(s.json('[typeof WebSocketShim, typeof WebSocket, WebSocketShim.detect().installed]')).to.deep.equal(['object', 'undefined', false]);
      });

      it('installs and runs a whole connection over an engine double without generating code', async function () {
        const s = createSandbox();
        s.load(file);
        s.run(`
          var log = [];
          var ws = new WebSocket('ws://example.test/', ['a', 'b']);
          var fake = FakeWebSocket.last();
          ws.onopen = function () { log.push('open'); };
          ws.onmessage = function (e) { log.push('message:' + e.data); };
          ws.onerror = function () { log.push('error'); };
          ws.onclose = function (e) { log.push('close:' + e.code); };
          fake.protocol = 'a'; // the server selects one of the protocols asked for
          fake.fire('open');
          fake.fire('message', { data: 'hi' });
          ws.send('x');
          ws.send(new Uint8Array([1]));
          ws.close(4000, 'bye');
          fake.fire('close', { code: 4000, reason: 'bye', wasClean: true });
          var ws2 = new WebSocket('ws://example.test/');
          ws2.onerror = function () { log.push('error2'); };
          ws2.onclose = function (e) { log.push('close2:' + e.code); };
          ws2.close();
        `);
        await tick(30);
        expect(s.json('log')).to.deep.equal(['open', 'message:hi', 'close:4000', 'error2', 'close2:1006']);
        expect(s.stringTimers).to.deep.equal([]);
        expect(s.asyncErrors).to.deep.equal([]);
      });
    });
  }

  for (const file of ['dist/websocket-shim.cjs', 'dist/auto.cjs']) {
    it(`${file} (what a bundler ships to a page) loads and installs under the same context`, function () {
      const s = createSandbox();
      const modules = {};
      const load = (name) => {
        if (modules[name]) return modules[name].exports;
        const module = { exports: {} };
        modules[name] = module;
        const fn = vm.compileFunction(readFileSync(join(root, 'dist', name), 'utf8'), ['exports', 'require', 'module'], {
          parsingContext: s.ctx,
          filename: 'dist/' + name
        });
        fn(module.exports, (id) => load(id.replace(/^\.\//, '')), module);
        return module.exports;
      };
      const auto = file === 'dist/auto.cjs';
      const api = load(file.slice('dist/'.length));
      expect(Object.keys(api).sort()).to.deep.equal(
        ['CloseEvent', 'MessageEvent', 'WebSocket', 'createWebSocketClass', 'detect', 'install', 'uninstall', 'version'].sort()
      );
      // The ponyfill touches no global; auto installs (strict) as it loads.
      expect(s.json('[WebSocket === FakeWebSocket, this.WebSocketShim === undefined]')).to.deep.equal([!auto, true]);
      // After auto's strict install, install({ mode: 'standard' }) switches the global to a standard
      // class (issue 11: never a class of another mode than asked for): close() sends no code.
      const W = api.install({ mode: 'standard' });
      expect(s.run('WebSocket') === W).to.equal(true);
      if (auto) expect(W === api.WebSocket).to.equal(false);
      s.run("var ws = new WebSocket('ws://example.test/'); FakeWebSocket.last().fire('open'); ws.close();");
      expect(s.json('__calls(FakeWebSocket.last())')).to.deep.equal([{ op: 'close', args: [] }]);
    });
  }
});
