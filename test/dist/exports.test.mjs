// Packaging (SPEC §1 "three ways in"): the package resolved by its own name, each case in a
// child Node process so the globals stay clean; package.json fields; types; what `npm pack`
// ships. The consumer is a temp directory whose node_modules/websocket-shim links to this repo.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, symlinkSync, readFileSync, existsSync, realpathSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, posix } from 'node:path';
import { root, UMD_FILES } from './support/sandbox.mjs';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const real = (p) => realpathSync(join(root, p));
const API = ['CloseEvent', 'MessageEvent', 'WebSocket', 'createWebSocketClass', 'detect', 'install', 'uninstall', 'version'];
const MARKER = '__websocketShim__';

// Shared by every child: settle Node's lazily defined globals, then compare snapshots by
// identity of each own property's descriptor parts.
const PRELUDE = `
const API = ${JSON.stringify(API)};
for (const k of Reflect.ownKeys(globalThis)) { try { void globalThis[k]; } catch (e) {} }
const snapshot = () => {
  const out = new Map();
  for (const k of Reflect.ownKeys(globalThis)) out.set(String(k), Object.getOwnPropertyDescriptor(globalThis, k));
  return out;
};
const diff = (a, b) => {
  const changed = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k), y = b.get(k);
    if (!x || !y) { changed.push(k); continue; }
    for (const f of ['value', 'get', 'set', 'writable', 'enumerable', 'configurable']) {
      if (!Object.is(x[f], y[f])) { changed.push(k); break; }
    }
  }
  return changed.sort();
};
const markers = () => Object.getOwnPropertyNames(globalThis).filter((n) => /websocket-?shim/i.test(n) && n !== 'WebSocketShim').sort();
const report = (value) => process.stdout.write('\\n@@RESULT ' + JSON.stringify(value) + '\\n');
`;

let dir;
let nodeModules;
function child(name, code, flags = []) {
  const file = join(dir, name);
  writeFileSync(file, PRELUDE + code);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, [...flags, file], { cwd: dir, encoding: 'utf8', env, timeout: 60000 });
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith('@@RESULT '));
  if (r.status !== 0 || !line) {
    throw new Error(`child ${name} exited ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  }
  return JSON.parse(line.slice('@@RESULT '.length));
}

/** Whether `node ...flags` has a global WebSocket (an unknown flag makes node exit 9: false). */
function hasBuiltinWebSocket(flags) {
  const r = spawnSync(process.execPath, [...flags, '-e', 'process.exit(typeof WebSocket === "function" ? 0 : 3)'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Node's conditional exports resolution, for the condition sets other tools use. */
function resolveExports(target, conditions) {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return null;
  for (const key of Object.keys(target)) {
    if (key === 'default' || conditions.includes(key)) {
      const r = resolveExports(target[key], conditions);
      if (r !== null) return r;
    }
  }
  return null;
}

describe('packaging', function () {
  this.timeout(60000);

  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'ws-shim-consumer-'));
    nodeModules = join(dir, 'node_modules');
    mkdirSync(nodeModules);
    symlinkSync(root, join(nodeModules, 'websocket-shim'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  });
  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('package.json', function () {
    it('exports: import and require, each with its own types first, then node, then the generic build', function () {
      const entry = (base, node) => ({
        import: { types: `./dist/${base}.d.mts`, node: `./dist/${node}.mjs`, default: `./dist/${base}.mjs` },
        require: { types: `./dist/${base}.d.cts`, node: `./dist/${node}.cjs`, default: `./dist/${base}.cjs` },
        default: `./dist/${base}.mjs`
      });
      expect(pkg.exports).to.deep.equal({
        '.': entry('websocket-shim', 'websocket-shim.node'),
        './auto': entry('auto', 'auto.node'),
        './modern': entry('modern', 'modern.node'),
        './modern/auto': entry('modern.auto', 'modern.auto.node'),
        './umd': { types: './dist/websocket-shim.umd.d.ts', default: './dist/websocket-shim.umd.js' },
        './umd.min': { types: './dist/websocket-shim.umd.d.ts', default: './dist/websocket-shim.umd.min.js' },
        // The modern script tag has the same API and options, so the same declarations.
        './modern.umd': { types: './dist/websocket-shim.umd.d.ts', default: './dist/websocket-shim.modern.umd.js' },
        './modern.umd.min': { types: './dist/websocket-shim.umd.d.ts', default: './dist/websocket-shim.modern.umd.min.js' },
        './package.json': './package.json'
      });
      // Key order is the resolution order: types must come first, default last.
      for (const sub of ['.', './auto', './modern', './modern/auto']) {
        expect(Object.keys(pkg.exports[sub]), sub).to.deep.equal(['import', 'require', 'default']);
        for (const kind of ['import', 'require']) expect(Object.keys(pkg.exports[sub][kind]), sub).to.deep.equal(['types', 'node', 'default']);
      }
    });

    it('how each kind of tool resolves the package', function () {
      const cases = [
        // [conditions, '.', './auto'] ('./modern' resolves as '.' does, './modern/auto' as './auto', to the modern files)
        [['types', 'import', 'node'], './dist/websocket-shim.d.mts', './dist/auto.d.mts'], // TypeScript, ESM file
        [['types', 'require', 'node'], './dist/websocket-shim.d.cts', './dist/auto.d.cts'], // TypeScript, CJS file
        [['types', 'import'], './dist/websocket-shim.d.mts', './dist/auto.d.mts'], // TypeScript, bundler
        [['node', 'import'], './dist/websocket-shim.node.mjs', './dist/auto.node.mjs'], // Node ESM
        [['node', 'require'], './dist/websocket-shim.node.cjs', './dist/auto.node.cjs'], // Node CJS
        [['browser', 'import', 'module'], './dist/websocket-shim.mjs', './dist/auto.mjs'], // webpack/Vite/esbuild for the web
        [['browser', 'require'], './dist/websocket-shim.cjs', './dist/auto.cjs'], // browserify-style
        [['worker', 'deno'], './dist/websocket-shim.mjs', './dist/auto.mjs'] // anything else: default
      ];
      for (const [conditions, main, auto] of cases) {
        expect([resolveExports(pkg.exports['.'], conditions), resolveExports(pkg.exports['./auto'], conditions)], conditions.join('+')).to.deep.equal([
          main,
          auto
        ]);
        expect(resolveExports(pkg.exports['./modern'], conditions), conditions.join('+') + ' modern').to.equal(main.replace('websocket-shim', 'modern'));
        expect(resolveExports(pkg.exports['./modern/auto'], conditions), conditions.join('+') + ' modern/auto').to.equal(auto.replace('/auto.', '/modern.auto.'));
        // The script tags are one file under every condition set.
        for (const [sub, file] of [
          ['./umd', './dist/websocket-shim.umd.js'],
          ['./umd.min', './dist/websocket-shim.umd.min.js'],
          ['./modern.umd', './dist/websocket-shim.modern.umd.js'],
          ['./modern.umd.min', './dist/websocket-shim.modern.umd.min.js']
        ]) {
          expect(resolveExports(pkg.exports[sub], conditions), conditions.join('+') + ' ' + sub).to.equal(conditions.includes('types') ? './dist/websocket-shim.umd.d.ts' : file);
        }
      }
    });

    it('legacy fields: main is the Node CJS (Node 10 has no exports), module the generic ESM, browser swaps the Node files', function () {
      expect(pkg.main).to.equal('./dist/websocket-shim.node.cjs');
      expect(pkg.module).to.equal('./dist/websocket-shim.mjs');
      expect(pkg.types).to.equal('./dist/websocket-shim.d.cts');
      expect(pkg.browser).to.deep.equal({
        './dist/websocket-shim.node.cjs': './dist/websocket-shim.cjs',
        './dist/websocket-shim.node.mjs': './dist/websocket-shim.mjs',
        './dist/auto.node.cjs': './dist/auto.cjs',
        './dist/auto.node.mjs': './dist/auto.mjs',
        './dist/modern.node.cjs': './dist/modern.cjs',
        './dist/modern.node.mjs': './dist/modern.mjs',
        './dist/modern.auto.node.cjs': './dist/modern.auto.cjs',
        './dist/modern.auto.node.mjs': './dist/modern.auto.mjs'
      });
    });

    it('unpkg and jsdelivr point at the min UMD', function () {
      expect(pkg.unpkg).to.equal('./dist/websocket-shim.umd.min.js');
      expect(pkg.jsdelivr).to.equal('./dist/websocket-shim.umd.min.js');
    });

    it('sideEffects names every auto and UMD file, and nothing else', function () {
      expect([...pkg.sideEffects].sort()).to.deep.equal(
        [
          './dist/auto.mjs',
          './dist/auto.cjs',
          './dist/auto.node.mjs',
          './dist/auto.node.cjs',
          './dist/modern.auto.mjs',
          './dist/modern.auto.cjs',
          './dist/modern.auto.node.mjs',
          './dist/modern.auto.node.cjs',
          './dist/websocket-shim.umd.js',
          './dist/websocket-shim.umd.min.js',
          './dist/websocket-shim.modern.umd.js',
          './dist/websocket-shim.modern.umd.min.js'
        ].sort()
      );
      // Every dist entry that installs on load is listed.
      const installing = readdirSync(join(root, 'dist'))
        .filter((f) => /\.(mjs|cjs|js)$/.test(f))
        .filter((f) => /^((modern\.)?auto|websocket-shim\.(modern\.)?umd)/.test(f))
        .map((f) => './dist/' + f)
        .sort();
      expect(installing).to.deep.equal([...pkg.sideEffects].sort());
    });

    it('ws is an optional peer dependency, never a dependency', function () {
      expect(pkg.peerDependencies).to.have.property('ws');
      expect(pkg.peerDependenciesMeta).to.deep.equal({ ws: { optional: true } });
      expect(pkg.dependencies || {}).to.not.have.property('ws');
      expect(pkg.optionalDependencies || {}).to.not.have.property('ws');
    });

    it('every file a field points at exists', function () {
      const targets = new Set([pkg.main, pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr, ...pkg.sideEffects, ...Object.keys(pkg.browser), ...Object.values(pkg.browser)]);
      const walk = (t) => (typeof t === 'string' ? targets.add(t) : Object.values(t).forEach(walk));
      walk(pkg.exports);
      for (const t of targets) expect(existsSync(join(root, t)), t).to.equal(true);
    });
  });

  describe('Node resolves the package by name (child processes)', function () {
    it("require('websocket-shim'): the Node CJS build, the API, no global touched", function () {
      const r = child(
        'ponyfill.cjs',
        `
        const before = snapshot();
        const api = require('websocket-shim');
        const after = snapshot();
        report({
          resolved: require.resolve('websocket-shim'),
          keys: Object.keys(api).sort(),
          types: API.map((n) => typeof api[n]),
          version: api.version,
          changed: diff(before, after),
          markers: markers(),
          installed: api.detect().installed,
          wsShape: [api.WebSocket.name, api.WebSocket.CONNECTING, api.WebSocket.CLOSED],
          mainIsSame: require(require('path').join(${JSON.stringify(root)}, ${JSON.stringify(pkg.main)})) === api
        });
        `
      );
      expect(r.resolved).to.equal(real('dist/websocket-shim.node.cjs'));
      expect(r.keys).to.deep.equal(API);
      expect(r.types).to.deep.equal(['function', 'function', 'function', 'function', 'function', 'function', 'function', 'string']);
      expect(r.version).to.equal(pkg.version);
      expect(r.changed).to.deep.equal([]);
      expect(r.markers).to.deep.equal([]);
      expect(r.installed).to.equal(false);
      expect(r.wsShape).to.deep.equal(['WebSocket', 0, 3]);
      expect(r.mainIsSame).to.equal(true);
    });

    it("import('websocket-shim'): the Node ESM wrapper over the same CJS copy, no global touched", function () {
      const r = child(
        'ponyfill.mjs',
        `
        import { createRequire } from 'node:module';
        import { fileURLToPath } from 'node:url';
        const require = createRequire(import.meta.url);
        const before = snapshot();
        const api = await import('websocket-shim');
        const after = snapshot();
        const cjs = require('websocket-shim');
        report({
          resolved: fileURLToPath(import.meta.resolve('websocket-shim')),
          keys: Object.keys(api).sort(),
          sameCopy: API.every((n) => api[n] === cjs[n]),
          defaultIsCjs: api.default === cjs,
          changed: diff(before, after),
          markers: markers()
        });
        `
      );
      expect(r.resolved).to.equal(real('dist/websocket-shim.node.mjs'));
      expect(r.keys).to.deep.equal([...API, 'default'].sort());
      expect(r.sameCopy).to.equal(true);
      expect(r.defaultIsCjs).to.equal(true);
      expect(r.changed).to.deep.equal([]);
      expect(r.markers).to.deep.equal([]);
    });

    it("require('websocket-shim/modern') and import(): the modern Node build, one copy, the same API, no global touched", function () {
      const r = child(
        'modern.mjs',
        `
        import { createRequire } from 'node:module';
        import { fileURLToPath } from 'node:url';
        const require = createRequire(import.meta.url);
        const before = snapshot();
        const esm = await import('websocket-shim/modern');
        const cjs = require('websocket-shim/modern');
        const after = snapshot();
        const full = require('websocket-shim');
        report({
          resolved: [fileURLToPath(import.meta.resolve('websocket-shim/modern')), require.resolve('websocket-shim/modern')],
          keys: Object.keys(cjs).sort(),
          types: API.map((n) => typeof cjs[n]),
          sameCopy: API.every((n) => esm[n] === cjs[n]),
          notFull: cjs.WebSocket !== full.WebSocket,
          unsupported: cjs.detect().unsupported.filter((u) => u.indexOf('modernEntry') === 0),
          changed: diff(before, after),
          markers: markers()
        });
        `
      );
      expect(r.resolved).to.deep.equal([real('dist/modern.node.mjs'), real('dist/modern.node.cjs')]);
      expect(r.keys).to.deep.equal(API);
      expect(r.types).to.deep.equal(['function', 'function', 'function', 'function', 'function', 'function', 'function', 'string']);
      expect(r.sameCopy).to.equal(true);
      expect(r.notFull).to.equal(true);
      expect(r.unsupported).to.deep.equal([]);
      expect(r.changed).to.deep.equal([]);
      expect(r.markers).to.deep.equal([]);
    });

    // The full build's auto entry and the modern one (websocket-shim/modern/auto): the same contract.
    for (const [sub, ponyfill, nodeFile] of [
      ['auto', 'websocket-shim', 'auto.node'],
      ['modern/auto', 'websocket-shim/modern', 'modern.auto.node']
    ]) {
      for (const [how, file, code] of [
        [
          `import 'websocket-shim/${sub}'`,
          `${sub.replace('/', '-')}-import.mjs`,
          `
          import { fileURLToPath } from 'node:url';
          const hadCloseEvent = typeof globalThis.CloseEvent === 'function';
          const before = snapshot();
          const auto = await import('websocket-shim/${sub}');
          const api = await import('${ponyfill}');
          const resolved = fileURLToPath(import.meta.resolve('websocket-shim/${sub}'));
          `
        ],
        [
          `require('websocket-shim/${sub}')`,
          `${sub.replace('/', '-')}-require.cjs`,
          `
          const hadCloseEvent = typeof globalThis.CloseEvent === 'function';
          const before = snapshot();
          const auto = require('websocket-shim/${sub}');
          const api = require('${ponyfill}');
          const resolved = require.resolve('websocket-shim/${sub}');
          `
        ]
      ]) {
        it(`${how}: installs on globalThis once; uninstall() leaves globalThis as it was`, function () {
          const r = child(
            file,
            code +
              `
            const installed = globalThis.WebSocket;
            const changed = diff(before, snapshot());
            const d = Object.getOwnPropertyDescriptor(globalThis, 'WebSocket');
            const result = {
              resolved,
              changed,
              hadCloseEvent,
              descriptor: [d.writable, d.enumerable, d.configurable],
              sameAsInstall: installed === api.install() && installed === auto.install(),
              autoExportsIt: auto.WebSocket === installed,
              sameApi: ['install', 'uninstall', 'detect', 'createWebSocketClass', 'CloseEvent', 'MessageEvent', 'version'].every((n) => auto[n] === api[n]),
              closeEventIsPackage: globalThis.CloseEvent === api.CloseEvent,
              markers: markers(),
              report: [api.detect().installed, api.detect().mode],
              entryRefused: api.detect().unsupported.filter((u) => u.indexOf('modernEntry') === 0),
              uninstalled: api.uninstall(),
              restored: diff(before, snapshot()),
              again: api.uninstall()
            };
            report(result);
            `
          );
          expect(r.resolved).to.equal(real(`dist/${nodeFile}.${file.endsWith('.mjs') ? 'mjs' : 'cjs'}`));
          const expected = ['WebSocket', MARKER];
          if (!r.hadCloseEvent) expected.push('CloseEvent');
          expect(r.changed).to.deep.equal(expected.sort());
          expect(r.descriptor).to.deep.equal([true, false, true]);
          expect(r.sameAsInstall).to.equal(true);
          expect(r.autoExportsIt).to.equal(true);
          expect(r.sameApi).to.equal(true);
          expect(r.closeEventIsPackage).to.equal(!r.hadCloseEvent);
          expect(r.markers).to.deep.equal([MARKER]);
          expect(r.report).to.deep.equal([true, 'strict']);
          expect(r.entryRefused).to.deep.equal([]);
          expect(r.uninstalled).to.equal(true);
          expect(r.restored).to.deep.equal([]);
          expect(r.again).to.equal(false);
        });
      }
    }

    for (const [order, first, second] of [
      ['CJS then ESM', "require('websocket-shim/auto')", "await import('websocket-shim/auto')"],
      ['ESM then CJS', "await import('websocket-shim/auto')", "require('websocket-shim/auto')"],
      // Several copies on one global: the generic builds next to the Node ones.
      ['Node CJS then generic ESM and CJS', "require('websocket-shim/auto')", `[await import(${JSON.stringify(join(root, 'dist/auto.mjs'))}), require(${JSON.stringify(join(root, 'dist/auto.cjs'))})]`],
      // The full build's auto and the modern one in one program (two dependencies, say): one install.
      ['full then modern/auto', "require('websocket-shim/auto')", "await import('websocket-shim/modern/auto')"],
      ['modern/auto then full', "await import('websocket-shim/modern/auto')", "require('websocket-shim/auto')"],
      ['modern/auto, CJS then ESM', "require('websocket-shim/modern/auto')", "await import('websocket-shim/modern/auto')"]
    ]) {
      it(`auto, ${order}, in one process: installed once (one WebSocket, one marker)`, function () {
        const r = child(
          `both-${order.replace(/\W+/g, '-')}.mjs`,
          `
          import { createRequire } from 'node:module';
          const require = createRequire(import.meta.url);
          const before = snapshot();
          const a = ${first};
          const W1 = globalThis.WebSocket;
          const d1 = Object.getOwnPropertyDescriptor(globalThis, ${JSON.stringify(MARKER)});
          const b = ${second};
          const W2 = globalThis.WebSocket;
          const d2 = Object.getOwnPropertyDescriptor(globalThis, ${JSON.stringify(MARKER)});
          report({
            same: typeof W1 === 'function' && W1 === W2,
            markerSame: d1.value === d2.value,
            markers: markers(),
            installReturnsIt: a.install() === W1 && (Array.isArray(b) ? b : [b]).every((m) => m.install() === W1),
            uninstall: a.uninstall(),
            restored: diff(before, snapshot())
          });
          `
        );
        expect(r).to.deep.equal({ same: true, markerSame: true, markers: [MARKER], installReturnsIt: true, uninstall: true, restored: [] });
      });
    }

    for (const umd of UMD_FILES) {
      it(`${umd} + require('websocket-shim/auto') on one global: installed once, either order`, function () {
        const r = child(
          `umd-${umd.includes('.min') ? 'min' : 'full'}.cjs`,
          `
          const vm = require('node:vm');
          const fs = require('node:fs');
          const umdText = fs.readFileSync(${JSON.stringify(join(root, umd))}, 'utf8');
          // An engine on the global for the script-tag copy to wrap (plain Node has none, and
          // install() installs nothing where there is nothing to wrap).
          globalThis.WebSocket = require(${JSON.stringify(join(root, 'node_modules', 'ws'))});
          const before = snapshot();
          // CJS first, then the script tag.
          const auto = require('websocket-shim/auto');
          const W = globalThis.WebSocket;
          vm.runInThisContext(umdText, { filename: ${JSON.stringify(umd)} });
          const first = {
            umdGlobal: typeof globalThis.WebSocketShim,
            same: globalThis.WebSocket === W && WebSocketShim.install() === W,
            markers: markers(),
            detect: WebSocketShim.detect().installed
          };
          // Uninstall through the UMD copy: the one marker is shared.
          const u = WebSocketShim.uninstall();
          delete globalThis.WebSocketShim;
          const restored = diff(before, snapshot());
          // The script tag first, then CJS.
          vm.runInThisContext(umdText, { filename: ${JSON.stringify(umd)} });
          const U = globalThis.WebSocket;
          const second = { same: auto.install() === U && U !== W, markers: markers(), uninstall: auto.uninstall() };
          delete globalThis.WebSocketShim;
          report({ first, u, restored, second, restored2: diff(before, snapshot()) });
          `
        );
        expect(r).to.deep.equal({
          first: { umdGlobal: 'object', same: true, markers: [MARKER], detect: true },
          u: true,
          restored: [],
          second: { same: true, markers: [MARKER], uninstall: true },
          restored2: []
        });
      });
    }

    it('the subpaths ./umd, ./umd.min, ./modern.umd, ./modern.umd.min and ./package.json resolve', function () {
      const r = child(
        'subpaths.cjs',
        `report([...['umd', 'umd.min', 'modern.umd', 'modern.umd.min'].map((s) => require.resolve('websocket-shim/' + s)), require('websocket-shim/package.json').version]);`
      );
      expect(r).to.deep.equal([
        real('dist/websocket-shim.umd.js'),
        real('dist/websocket-shim.umd.min.js'),
        real('dist/websocket-shim.modern.umd.js'),
        real('dist/websocket-shim.modern.umd.min.js'),
        pkg.version
      ]);
    });

    for (const sub of ['auto', 'modern/auto']) {
      it(`with Node's built-in WebSocket: ${sub} wraps it and uninstall() puts it back`, function () {
        const flags = hasBuiltinWebSocket(['--experimental-websocket']) ? ['--experimental-websocket'] : [];
        if (!flags.length && !hasBuiltinWebSocket([])) this.skip(); // this Node has no built-in WebSocket
        const r = child(
          `builtin-${sub.replace('/', '-')}.cjs`,
          `
          const native = globalThis.WebSocket;
          const api = require('websocket-shim/${sub}');
          const d = api.detect();
          report({
            hadNative: typeof native === 'function',
            replaced: globalThis.WebSocket !== native && globalThis.WebSocket === api.WebSocket,
            native: d.native,
            backend: d.backend,
            uninstall: api.uninstall(),
            restored: globalThis.WebSocket === native
          });
          `,
          flags
        );
        expect(r).to.deep.equal({ hadNative: true, replaced: true, native: 'WebSocket', backend: 'node-builtin', uninstall: true, restored: true });
      });
    }
  });

  describe('types', function () {
    // The fixture projects (nodenext ESM/CJS, bundler; with and without DOM and @types/node)
    // are in test/types/types.test.mjs; publint and attw in test/types/package-lint.test.mjs.
    it('every entry has its types condition first, and the files exist', function () {
      const typed = [];
      for (const sub of ['.', './auto', './modern', './modern/auto']) {
        for (const kind of ['import', 'require']) {
          expect(Object.keys(pkg.exports[sub][kind])[0], `${sub} ${kind}`).to.equal('types');
          typed.push(pkg.exports[sub][kind].types);
        }
      }
      for (const sub of ['./umd', './umd.min', './modern.umd', './modern.umd.min']) {
        expect(Object.keys(pkg.exports[sub])[0], sub).to.equal('types');
        typed.push(pkg.exports[sub].types);
      }
      for (const t of typed) expect(existsSync(join(root, t)), t).to.equal(true);
      // Resolvers without "exports" (node10): the stub package.json files name the same types.
      for (const [stub, types] of [
        ['auto', './dist/auto.d.cts'],
        ['modern', './dist/modern.d.cts'],
        ['modern/auto', './dist/modern.auto.d.cts'],
        ['umd', './dist/websocket-shim.umd.d.ts'],
        ['umd.min', './dist/websocket-shim.umd.d.ts'],
        ['modern.umd', './dist/websocket-shim.umd.d.ts'],
        ['modern.umd.min', './dist/websocket-shim.umd.d.ts']
      ]) {
        const p = JSON.parse(readFileSync(join(root, stub, 'package.json'), 'utf8'));
        expect(posix.join(stub, p.types), stub).to.equal(posix.normalize(types));
      }
    });

    it('the stub package.json files name the same JS files as "exports" (main: node + require, module: default import, browser: default require)', function () {
      for (const sub of ['auto', 'modern', 'modern/auto']) {
        const p = JSON.parse(readFileSync(join(root, sub, 'package.json'), 'utf8'));
        const e = pkg.exports['./' + sub];
        expect(posix.join(sub, p.main), sub).to.equal(posix.normalize(e.require.node));
        expect(posix.join(sub, p.module), sub).to.equal(posix.normalize(e.import.default));
        expect(posix.join(sub, p.browser), sub).to.equal(posix.normalize(e.require.default));
      }
      for (const sub of ['umd', 'umd.min', 'modern.umd', 'modern.umd.min']) {
        const p = JSON.parse(readFileSync(join(root, sub, 'package.json'), 'utf8'));
        expect(posix.join(sub, p.main), sub).to.equal(posix.normalize(pkg.exports['./' + sub].default));
      }
    });
  });

  describe('npm pack', function () {
    let files;
    before(function () {
      const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 120000 });
      expect(r.status, r.stderr).to.equal(0);
      const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
      files = json[0].files.map((f) => f.path).sort();
    });

    it('ships every build, the types, README, CHANGELOG and package.json', function () {
      expect(files).to.include.members([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'dist/websocket-shim.mjs',
        'dist/websocket-shim.cjs',
        'dist/auto.mjs',
        'dist/auto.cjs',
        'dist/websocket-shim.node.mjs',
        'dist/websocket-shim.node.cjs',
        'dist/auto.node.mjs',
        'dist/auto.node.cjs',
        'dist/websocket-shim.umd.js',
        'dist/websocket-shim.umd.min.js',
        'dist/websocket-shim.d.mts',
        'dist/websocket-shim.d.cts',
        'dist/auto.d.mts',
        'dist/auto.d.cts',
        'dist/modern.mjs',
        'dist/modern.cjs',
        'dist/modern.node.mjs',
        'dist/modern.node.cjs',
        'dist/modern.auto.mjs',
        'dist/modern.auto.cjs',
        'dist/modern.auto.node.mjs',
        'dist/modern.auto.node.cjs',
        'dist/websocket-shim.modern.umd.js',
        'dist/websocket-shim.modern.umd.min.js',
        'dist/modern.d.mts',
        'dist/modern.d.cts',
        'dist/modern.auto.d.mts',
        'dist/modern.auto.d.cts',
        'dist/websocket-shim.umd.d.ts',
        'dist/sri.json',
        'docs/README.md',
        'docs/contract.md',
        'docs/detect.md'
      ]);
    });

    it('ships nothing else: exactly the known JS builds, their maps, .d.ts, and src for the maps', function () {
      const outside = files.filter((f) => !/^(dist|src|docs)\//.test(f));
      // auto/, modern/, modern/auto/, umd/, umd.min/, modern.umd/, modern.umd.min/package.json: the subpaths
      // for resolvers without "exports" (Node 10, webpack 4, TypeScript node10).
      expect(outside.filter((f) => f !== 'LICENSE')).to.deep.equal([
        'CHANGELOG.md',
        'README.md',
        'auto/package.json',
        'modern.umd.min/package.json',
        'modern.umd/package.json',
        'modern/auto/package.json',
        'modern/package.json',
        'package.json',
        'umd.min/package.json',
        'umd/package.json'
      ]);
      expect(files.filter((f) => /^docs\//.test(f) && !/\.md$/.test(f))).to.deep.equal([]);
      // No stale chunk or renamed entry from an old build: the JS files are exactly these.
      const js = files.filter((f) => /^dist\/[^/]+\.(mjs|cjs|js)$/.test(f));
      expect(js).to.deep.equal(
        [
          'dist/auto.cjs',
          'dist/auto.mjs',
          'dist/auto.node.cjs',
          'dist/auto.node.mjs',
          'dist/modern.auto.cjs',
          'dist/modern.auto.mjs',
          'dist/modern.auto.node.cjs',
          'dist/modern.auto.node.mjs',
          'dist/modern.cjs',
          'dist/modern.mjs',
          'dist/modern.node.cjs',
          'dist/modern.node.mjs',
          'dist/websocket-shim.cjs',
          'dist/websocket-shim.mjs',
          'dist/websocket-shim.modern.umd.js',
          'dist/websocket-shim.modern.umd.min.js',
          'dist/websocket-shim.node.cjs',
          'dist/websocket-shim.node.mjs',
          'dist/websocket-shim.umd.js',
          'dist/websocket-shim.umd.min.js'
        ]
      );
      const rest = files.filter((f) => /^dist\//.test(f) && !js.includes(f));
      expect(rest.filter((f) => !/^dist\/[^/]+\.(mjs|cjs|js)\.map$/.test(f))).to.deep.equal([
        'dist/auto.d.cts',
        'dist/auto.d.mts',
        'dist/modern.auto.d.cts',
        'dist/modern.auto.d.mts',
        'dist/modern.d.cts',
        'dist/modern.d.mts',
        'dist/sri.json',
        'dist/websocket-shim.d.cts',
        'dist/websocket-shim.d.mts',
        'dist/websocket-shim.umd.d.ts'
      ]);
      expect(files.filter((f) => /^src\//.test(f) && !/\.ts$/.test(f))).to.deep.equal([]);
      for (const junk of [/^test\//, /^conformance\//, /^demo\//, /^bench\//, /^\.ci\//, /^\.build\//, /node_modules/, /\.tgz$/, /^tsconfig/, /^rollup\.config/]) {
        expect(files.filter((f) => junk.test(f)), String(junk)).to.deep.equal([]);
      }
    });

    it('every JS file has a source map, and every map embeds the text of each source (sourcesContent)', function () {
      const js = files.filter((f) => /^dist\/[^/]+\.(mjs|cjs|js)$/.test(f));
      for (const f of js) {
        expect(files, f).to.include(f + '.map');
        expect(readFileSync(join(root, f), 'utf8'), f).to.match(new RegExp('//# sourceMappingURL=' + posix.basename(f).replace(/\./g, '\\.') + '\\.map\\s*$'));
        const map = JSON.parse(readFileSync(join(root, f + '.map'), 'utf8'));
        expect(map.sources.length, f).to.be.above(0);
        expect(map.sourcesContent, f).to.be.an('array').with.lengthOf(map.sources.length);
        map.sources.forEach((s, i) => {
          expect(map.sourcesContent[i], `${f} → ${s}`).to.be.a('string');
          // The embedded text is the shipped source's text.
          const src = posix.normalize(posix.join('dist', s));
          if (files.includes(src)) expect(map.sourcesContent[i], `${f} → ${s}`).to.equal(readFileSync(join(root, src), 'utf8'));
        });
      }
    });

    it('every shipped source map resolves: each source is shipped or embedded', function () {
      const maps = files.filter((f) => f.endsWith('.map'));
      expect(maps.length).to.be.greaterThan(0);
      for (const m of maps) {
        const map = JSON.parse(readFileSync(join(root, m), 'utf8'));
        map.sources.forEach((s, i) => {
          const embedded = map.sourcesContent && typeof map.sourcesContent[i] === 'string';
          const shipped = files.includes(posix.normalize(posix.join(posix.dirname(m), s)));
          expect(embedded || shipped, `${m} → ${s}`).to.equal(true);
        });
        // The map's JS file is shipped next to it.
        expect(files, m).to.include(m.slice(0, -'.map'.length));
      }
    });
  });
});
