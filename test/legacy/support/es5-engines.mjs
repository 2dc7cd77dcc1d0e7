// Part A runner: the UMD bundles in real ES5 engines (duktape, mujs, rhino, JavaScriptCore's
// jsc) and in Hermes, React Native's engine (npm hermes-engine-cli). Each run is one file: a header (engine name, globals to strip), the ES5 host prelude
// (test/legacy/es5/host.js), the bundle, then an ES5 script; the engine prints a line
// `RESULT {...}` that the mocha suite parses. Nothing is run through Node's parser.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const UMD_FILES = ['dist/websocket-shim.umd.js', 'dist/websocket-shim.umd.min.js'];

/** The ES2015 globals jsc has and an ES5-era JavaScriptCore had not. */
const ES2015_GLOBALS = ['Promise', 'Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Reflect', 'Proxy', 'WeakRef', 'FinalizationRegistry', 'BigInt', 'globalThis'];

const HERMES = join(root, 'node_modules', 'hermes-engine-cli', 'linux64-bin', 'hermes');

/**
 * The engines (Debian packages duktape, mujs, rhino, libjavascriptcoregtk-4.0-bin; Hermes
 * from the devDependency hermes-engine-cli). `install` is how to get a missing one.
 *   gaps: what the engine lacks that a modern one has (asserted by the suite through the
 *         RESULT's `host` report, so a changed engine is noticed).
 *   rejects: which of the negative-control snippets (let, arrow, Promise) must fail.
 */
export const ENGINES = [
  {
    name: 'duk',
    bin: '/usr/bin/duk',
    args: [],
    strip: [],
    gaps: { promise: false, map: false, weakMap: false },
    note: 'duktape 2.7: ES5.1 with a few ES2015 built-ins (Symbol, Reflect, typed arrays, TextEncoder); no Promise, Map, WeakMap, Set, no ES2015 syntax',
    rejects: ['let', 'arrow', 'Promise', 'class']
  },
  {
    name: 'mujs',
    bin: '/usr/bin/mujs',
    args: [],
    strip: [],
    gaps: { arrayBuffer: false, promise: false, symbol: false, map: false, weakMap: false, reflect: false, globalThis: false },
    note: 'mujs 1.3: strict ES5 — no typed arrays, Promise, Symbol, Map, WeakMap, Reflect, globalThis, Function#name, no ES2015 syntax',
    rejects: ['let', 'arrow', 'Promise', 'class']
  },
  {
    name: 'rhino',
    bin: '/usr/bin/rhino',
    args: ['-opt', '-1'],
    strip: [],
    gaps: { promise: false, symbol: false, map: false, weakMap: false, reflect: false },
    note: 'rhino 1.7.14 (interpreted, -opt -1): ES5 plus typed arrays and some ES2015 syntax (let, arrows); no Promise, Symbol, Map, WeakMap, Reflect; strict-mode `this` not undefined',
    rejects: ['Promise', 'class']
  },
  {
    name: 'jsc',
    bin: '/usr/bin/jsc',
    args: [],
    strip: ES2015_GLOBALS,
    gaps: { promise: false, symbol: false, map: false, weakMap: false, reflect: false, globalThis: false },
    note: "JavaScriptCore (WebKitGTK 2.50) with the ES2015 globals deleted by the host, as an ES5-era Safari's; it parses ES2015 syntax, so only duk and mujs gate syntax",
    rejects: ['Promise']
  },
  {
    name: 'hermes',
    bin: HERMES,
    args: ['-w'],
    strip: [],
    install: 'npm ci (devDependency hermes-engine-cli)',
    gaps: { promise: true, symbol: true, map: true, weakMap: true, reflect: true, globalThis: true, textEncoder: false },
    note: "Hermes 0.12 (React Native's engine, npm hermes-engine-cli, run with -w): ES5 with the ES2015 built-ins (Promise, Symbol, Map, WeakMap, Reflect, Proxy, globalThis), let and arrows, but no class syntax and no TextEncoder",
    rejects: ['class'],
    // Hermes has Promise: the unguarded use the negative control adds is of what it lacks.
    unguarded: 'new TextEncoder();'
  }
];
for (const e of ENGINES) if (!e.unguarded) e.unguarded = 'Promise.resolve();';
for (const e of ENGINES) if (!e.install) e.install = 'apt-get install duktape mujs rhino libjavascriptcoregtk-4.0-bin';

export const NEGATIVE = {
  let: 'let x = 1;',
  arrow: 'var f = (a) => a;',
  Promise: 'new Promise(function () {});',
  class: 'class A {}'
};

export function available(engine) {
  return existsSync(engine.bin);
}

let tmp = null;
let counter = 0;

/** Runs `parts` (strings) as one script in `engine`; resolves { code, stdout, stderr, result }. */
export function runScript(engine, parts, { timeoutMs = 60000 } = {}) {
  const header = `var __ENGINE = ${JSON.stringify(engine.name)}, __STRIP = ${JSON.stringify(engine.strip)};\n`;
  if (!tmp) tmp = mkdtempSync(join(tmpdir(), 'ws-shim-es5-'));
  const file = join(tmp, `${engine.name}-${++counter}.js`);
  writeFileSync(file, header + parts.join('\n;\n'));
  return new Promise((resolve) => {
    const child = spawn(engine.bin, [...engine.args, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').filter((l) => l.startsWith('RESULT ')).pop();
      let result = null;
      if (line) {
        try {
          result = JSON.parse(line.slice('RESULT '.length));
        } catch (e) {
          result = null;
        }
      }
      resolve({ code, stdout, stderr, result, file });
    });
  });
}

export const HOST = readFileSync(join(root, 'test', 'legacy', 'es5', 'host.js'), 'utf8');
export const VALIDATION = readFileSync(join(root, 'test', 'legacy', 'es5', 'validation.js'), 'utf8');

export function bundle(file) {
  return readFileSync(join(root, file), 'utf8');
}
