// Runs every test suite, each in its own process, and prints one total as the last line:
// "N passed, M failed" (CI reads that line). A suite that crashes counts as one failure.
// Last before the total: the Node.js matrix (test/runtimes/matrix.mjs), the integration suites
// in Node 10–24 on every backend, with runtimes fetched into .cache/runtimes/ when missing.
import { spawn } from 'node:child_process';
import { startServer } from '../conformance/server.mjs';
import { runMatrix, saveResults, readmeUpToDate, MODERN_MAJORS } from './runtimes/matrix.mjs';
import { ensureRuntimes } from './runtimes/fetch.mjs';
import { ensureDenoBun, DENO_BUN_PINS, OLDER_DENO, OLDER_BUN } from './runtimes/fetch-deno-bun.mjs';
import { ENGINES, missing } from './browsers/lib/engines.mjs';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = join(root, 'test', 'support', 'count-reporter.cjs');

function files(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .filter((f) => f.endsWith('.test.mjs') || f.endsWith('.test.cjs'))
    .sort()
    .map((f) => join(dir, f));
}

// One test server for every suite, in this process (suites run in children, asynchronously).
const server = await startServer();
const serverEnv = { TEST_SERVER_URL: server.httpUrl };

// This Node's built-in WebSocket: on by default (22+) or behind --experimental-websocket (20/21).
const builtinByDefault = typeof globalThis.WebSocket === 'function';
const withBuiltin = builtinByDefault ? [] : ['--experimental-websocket'];
const withoutBuiltin = builtinByDefault ? ['--no-experimental-websocket'] : [];
const node = `Node ${process.versions.node.split('.')[0]}`;

// Real browser engines (test/browsers): the suite runs the ones installed here and says which it
// skipped; .ci/run installs all four (QtWebKit too), and under CI a missing one fails.
const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const browsersHere = ENGINES.filter((e) => missing(e).length === 0).map((e) => e.label);

// name, node flags, environment, test files
const suites = [
  ['unit', [], {}, files('test/unit')],
  ['dist', [], {}, files('test/dist')],
  ['package (types in fixture projects, publint, attw, docs)', [], {}, [...files('test/types'), ...files('test/docs')]],
  // The Web IDL suite (webidl2) against this Node's native WebSocket/CloseEvent and the shim: in a
  // process of its own, with the built-in WebSocket on (it installs the shim globally).
  [`idl (${node}, built-in backend)`, withBuiltin, {}, files('test/idl')],
  ['legacy (ES5 engines, historical engine profiles)', [], serverEnv, files('test/legacy')],
  // The conformance lab (npm start's page, npm run compat): ES5 build, report schema, server, flags, docs/compatibility.md.
  ['lab (ES5 check list, report schema, lab server, npm start, compatibility doc)', [], {}, files('test/lab')],
  [`integration (${node}, ws backend)`, withoutBuiltin, { WS_SHIM_BACKEND: 'ws', ...serverEnv }, files('test/integration')],
  [`integration (${node}, built-in backend)`, withBuiltin, { WS_SHIM_BACKEND: 'builtin', ...serverEnv }, files('test/integration')],
  [`integration (${node}, ws 7 backend)`, withoutBuiltin, { WS_SHIM_BACKEND: 'ws7', ...serverEnv }, files('test/integration')],
  // Fault injection and model-based fuzzing (issue 10): this machine's Node only (Node 20+ code).
  [`fault (${node}, ws backend)`, withoutBuiltin, { WS_SHIM_BACKEND: 'ws', ...serverEnv }, files('test/fault')],
  [`fault (${node}, built-in backend)`, withBuiltin, { WS_SHIM_BACKEND: 'builtin', ...serverEnv }, files('test/fault')],
  [`fault (${node}, ws 7 backend)`, withoutBuiltin, { WS_SHIM_BACKEND: 'ws7', ...serverEnv }, files('test/fault')],
  [`fuzz (${node}, ws backend)`, withoutBuiltin, { WS_SHIM_BACKEND: 'ws', ...serverEnv }, files('test/fuzz')],
  [`fuzz (${node}, built-in backend)`, withBuiltin, { WS_SHIM_BACKEND: 'builtin', ...serverEnv }, ['test/fuzz/socket-model.test.mjs']],
  [`fuzz (${node}, ws 7 backend)`, withoutBuiltin, { WS_SHIM_BACKEND: 'ws7', ...serverEnv }, ['test/fuzz/socket-model.test.mjs']],
  [`browsers (${browsersHere.join(', ') || 'none installed'})`, [], {}, browsersHere.length || CI ? files('test/browsers') : []]
];
// Suites not run here, with the line that says why.
const skipped = {
  [suites[suites.length - 1][0]]: browsersHere.length || CI ? null : 'skipped: no browser engine installed (.ci/run installs them: apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb python3-pyqt5.qtwebkit)'
};

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
    child.on('close', (status) => resolve({ status }));
  });
}

const only = process.argv[2];
const withFullMatrix = !only || 'node matrix'.startsWith(only);
// The modern entry (issue 13) on the Node majors it is for, with the conformance checks too.
const withModernMatrix = !only || 'node matrix, modern entry'.startsWith(only);
const withMatrix = withFullMatrix || withModernMatrix;
// Runtimes missing from .cache/runtimes/ are downloaded while the other suites run.
const fetchLog = [];
const prefetch = withMatrix ? ensureRuntimes(undefined, { log: (l) => fetchLog.push(l) }) : null;
// Real Deno and Bun (test/engines-real), also from the npm registry, also while the others run.
const older = (keys) => keys.map((k) => DENO_BUN_PINS[k]).join(', ') || 'none';
const denoBunSuite = `Deno ${DENO_BUN_PINS.deno} and Bun ${DENO_BUN_PINS.bun} (older Deno: ${older(OLDER_DENO)}; older Bun: ${older(OLDER_BUN)}) (real runtimes: native, full and modern entries, both modes)`;
const withDenoBun = !only || denoBunSuite.startsWith(only);
const prefetchDenoBun = withDenoBun ? ensureDenoBun(undefined, { log: (l) => fetchLog.push(l) }) : null;
const statsDir = mkdtempSync(join(tmpdir(), 'ws-shim-stats-'));
let passed = 0;
let failed = 0;
const lines = [];
async function runSuite(name, flags, env, list) {
  const statsFile = join(statsDir, name.replace(/\W+/g, '_') + '.json');
  console.log(`\n=== ${name} ===`);
  const r = await run([...flags, mocha, '--reporter', reporter, '--timeout', '20000', ...list], {
    ...process.env,
    ...env,
    TEST_STATS_FILE: statsFile
  });
  let p = 0;
  let f = 0;
  if (existsSync(statsFile)) {
    const s = JSON.parse(readFileSync(statsFile, 'utf8'));
    p = s.passes;
    f = s.failures;
  }
  if ((r.status !== 0 && f === 0) || !existsSync(statsFile)) f += 1; // crashed or exited badly
  lines.push(`${name}: ${p} passed, ${f} failed`);
  return { p, f };
}
for (const [name, flags, env, list] of suites) {
  if (only && !name.startsWith(only)) continue;
  if (list.length === 0) {
    if (skipped[name]) {
      console.log(`\n=== ${name} ===\n${skipped[name]}`);
      lines.push(`${name}: ${skipped[name]}`);
    }
    continue;
  }
  const r = await runSuite(name, flags, env, list);
  passed += r.p;
  failed += r.f;
}
if (withMatrix) {
  await prefetch;
  for (const l of fetchLog) console.log(l);
}
if (withFullMatrix) {
  console.log('\n=== node matrix ===');
  const m = await runMatrix({ serverUrl: server.httpUrl });
  passed += m.passes;
  failed += m.failures;
  lines.push(`node matrix: ${m.passes} passed, ${m.failures} failed`);
  saveResults(m.results);
  if (!readmeUpToDate(m.results)) lines.push('README compatibility table differs from this run: node test/runtimes/matrix.mjs --readme-only');
}
// After their download: the suite fetches nothing itself when the cache holds the pins.
if (withDenoBun) {
  await prefetchDenoBun;
  if (!withMatrix) for (const l of fetchLog) console.log(l);
  const r = await runSuite(denoBunSuite, [], serverEnv, files('test/engines-real'));
  passed += r.p;
  failed += r.f;
}
// `npm run bench -- --quick` on every backend and the trials' own data checks (test/bench): after
// the runtime downloads, since its built-in backend runs on the pinned Node 24.
const benchSuite = 'bench (npm run bench -- --quick: built-in, ws, Chromium; trial data checks)';
if (!only || benchSuite.startsWith(only)) {
  await prefetch;
  const r = await runSuite(benchSuite, [], {}, files('test/bench'));
  passed += r.p;
  failed += r.f;
}
if (withModernMatrix) {
  console.log('\n=== node matrix, modern entry (websocket-shim/modern) ===');
  const m = await runMatrix({ serverUrl: server.httpUrl, majors: MODERN_MAJORS, entry: 'modern' });
  passed += m.passes;
  failed += m.failures;
  lines.push(`node matrix, modern entry (Node ${MODERN_MAJORS.join(', ')}): ${m.passes} passed, ${m.failures} failed`);
  saveResults(m.results);
}
console.log('\n' + lines.join('\n'));
await server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
