// The Node engines (src/transports/node-engines.ts) are in the Node builds only (issue 13: every
// byte of the script tag is paid by every page). A browser or script-tag build that finds `ws`
// or Node's built-in WebSocket anyway (loaded in Node) installs, but fails loudly on connect and
// says why in detect() (SPEC §4: fail loudly rather than silently), instead of wrapping an
// engine whose quirks it cannot normalize. Each case runs in a child Node process.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './support/sandbox.mjs';
import { bundleSize } from './support/tree-shake.mjs';
import { INSTALL_FINGERPRINT } from '../browsers/lib/apps.mjs';

// Names only the Node engines use, ones minification keeps (strings, property names): a quirk of
// `ws`, a quirk of undici, undici's diagnostics channel; the engine socket's property naming its
// transport (ws and undici, whose events are taken where they fire them), and the undici
// transport's own members (src/transports/undici-transport.ts: its taken message events, the
// engine's dispatchEvent it shadows, whether a failed handshake's socket is to be released).
const NODE_ONLY = [
  'wsBinaryTypeNodebuffer',
  'undiciSendBlobLostOnClose',
  'undici:client:sendHeaders',
  '__websocketShimTransport',
  'engineMessageEvent',
  'engineDispatch',
  'wasOpened'
];
const BROWSER_BUILDS = [
  'dist/websocket-shim.umd.js',
  'dist/websocket-shim.umd.min.js',
  'dist/websocket-shim.mjs',
  'dist/websocket-shim.cjs',
  'dist/auto.mjs',
  'dist/auto.cjs',
  'dist/modern.mjs',
  'dist/modern.cjs',
  'dist/modern.auto.mjs',
  'dist/modern.auto.cjs',
  'dist/websocket-shim.modern.umd.js',
  'dist/websocket-shim.modern.umd.min.js'
];
const NODE_BUILDS = ['dist/websocket-shim.node.cjs', 'dist/modern.node.cjs'];

let dir;
function child(name, code, flags = []) {
  const file = join(dir, name);
  writeFileSync(file, code + "\nprocess.stdout.write('\\n@@RESULT ' + JSON.stringify(result) + '\\n');\n");
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, [...flags, file], { cwd: dir, encoding: 'utf8', env, timeout: 60000 });
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith('@@RESULT '));
  if (r.status !== 0 || !line) throw new Error(`child ${name} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('@@RESULT '.length));
}

/** What a build reports over an engine and what `new WebSocket()` throws (null: it did not throw). */
const PROBE = `
function probe(api) {
  const W = api.install();
  const d = api.detect();
  let thrown = null;
  try {
    const s = new W('ws://127.0.0.1:59999/');
    s.onerror = () => {};
    s.close();
  } catch (e) {
    thrown = { name: e.name, code: e.code, isDOMException: e instanceof DOMException, message: e.message };
  }
  api.uninstall();
  return { backend: d.backend, unsupported: d.unsupported, installed: W !== null, thrown };
}
`;
const REFUSED = "websocket-shim: this build of websocket-shim is for browsers; in Node.js import or require 'websocket-shim', which resolves its Node build.";

function expectRefused(r) {
  expect(r.backend).to.equal('node-build-only');
  expect(r.installed).to.equal(true);
  expect(r.unsupported).to.include('nodeBuild: ' + REFUSED.slice('websocket-shim: '.length, -1));
  expect(r.thrown).to.deep.equal({ name: 'NotSupportedError', code: 9, isDOMException: true, message: REFUSED });
}

describe('the Node engines (src/transports/node-engines.ts): in the Node builds only', function () {
  this.timeout(120000);
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'ws-shim-node-engines-'));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  for (const f of BROWSER_BUILDS) {
    it(`${f} carries no code of the Node engines`, function () {
      const text = readFileSync(join(root, f), 'utf8');
      for (const name of NODE_ONLY) expect(text.includes(name), name).to.equal(false);
    });
  }
  for (const f of NODE_BUILDS) {
    it(`${f} carries them (the names above are the right ones to look for)`, function () {
      const text = readFileSync(join(root, f), 'utf8');
      for (const name of NODE_ONLY) expect(text.includes(name), name).to.equal(true);
    });
  }

  describe("esbuild bundle of import 'websocket-shim/modern/auto' (browser platform, the package's own package.json)", function () {
    let b;
    before(async function () {
      b = await bundleSize('websocket-shim/modern/auto', null);
    });

    it('holds the modern generic build only: dist/modern.auto.mjs and dist/modern.mjs, no Node build, no full build', function () {
      const dist = b.inputs.filter((f) => f.startsWith('dist/')).sort();
      expect(dist).to.deep.equal(['dist/modern.auto.mjs', 'dist/modern.mjs']);
    });

    it('keeps the install (sideEffects names dist/modern.auto.mjs)', function () {
      expect(INSTALL_FINGERPRINT.test(b.code), 'install code').to.equal(true);
    });

    it('carries no code of the Node engines', function () {
      for (const name of NODE_ONLY) expect(b.code.includes(name), name).to.equal(false);
    });

    it("control: with package.json's sideEffects emptied, esbuild drops the whole import (so the entry above is what keeps it)", async function () {
      const pkgDir = join(dir, 'no-side-effects');
      mkdirSync(pkgDir, { recursive: true });
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
      writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ ...pkg, sideEffects: [] }));
      // A copy, not a link: esbuild reads the package.json nearest a file's real path.
      cpSync(join(root, 'dist'), join(pkgDir, 'dist'), { recursive: true });
      const control = await bundleSize('websocket-shim/modern/auto', null, pkgDir);
      expect(INSTALL_FINGERPRINT.test(control.code), 'install code').to.equal(false);
      expect(control.raw).to.be.below(100);
    });
  });

  it('the script-tag build loaded in Node over `ws`: installs, then new WebSocket() throws NotSupportedError saying to use the Node build', function () {
    const r = child(
      'umd-over-ws.cjs',
      `${PROBE}
      globalThis.WebSocket = require(${JSON.stringify(join(root, 'node_modules', 'ws'))});
      require('node:vm').runInThisContext(require('node:fs').readFileSync(${JSON.stringify(join(root, 'dist/websocket-shim.umd.js'))}, 'utf8'));
      const result = probe(globalThis.WebSocketShim);`
    );
    expectRefused(r);
  });

  it('the browser build (dist/websocket-shim.cjs) given `ws` as its native: the same refusal', function () {
    const r = child(
      'cjs-native-ws.cjs',
      `const api = require(${JSON.stringify(join(root, 'dist/websocket-shim.cjs'))});
      const WS = require(${JSON.stringify(join(root, 'node_modules', 'ws'))});
      let thrown = null;
      try { new (api.createWebSocketClass({ native: WS }))('ws://127.0.0.1:59999/'); } catch (e) { thrown = { name: e.name, message: e.message }; }
      const result = thrown;`
    );
    expect(r).to.deep.equal({ name: 'NotSupportedError', message: REFUSED });
  });

  it("the script-tag build loaded in Node over Node's built-in WebSocket (--experimental-websocket): the same refusal", function () {
    const flags = ['--experimental-websocket'];
    if (spawnSync(process.execPath, [...flags, '-e', 'process.exit(typeof WebSocket === "function" ? 0 : 3)']).status !== 0) this.skip();
    const r = child(
      'umd-over-undici.cjs',
      `${PROBE}
      require('node:vm').runInThisContext(require('node:fs').readFileSync(${JSON.stringify(join(root, 'dist/websocket-shim.umd.min.js'))}, 'utf8'));
      const result = probe(globalThis.WebSocketShim);`,
      flags
    );
    expectRefused(r);
  });

  it('control: the Node build over the same engines wraps them (ws, node-builtin)', function () {
    const code = (pre) => `${PROBE}
      ${pre}
      const api = require(${JSON.stringify(join(root, 'dist/websocket-shim.node.cjs'))});
      const W = api.createWebSocketClass();
      const s = new W('ws://127.0.0.1:59999/');
      s.onerror = () => {};
      s.close();
      const result = { backend: api.detect().backend, unsupported: api.detect().unsupported.filter((u) => /^nodeBuild/.test(u)) };`;
    expect(child('node-ws.cjs', code(''))).to.deep.equal({ backend: 'ws', unsupported: [] });
    if (spawnSync(process.execPath, ['--experimental-websocket', '-e', 'process.exit(typeof WebSocket === "function" ? 0 : 3)']).status === 0) {
      expect(child('node-builtin.cjs', code(''), ['--experimental-websocket'])).to.deep.equal({ backend: 'node-builtin', unsupported: [] });
    }
  });
});
