// Runs every test suite, each in its own process, and prints one total as the last line:
// "N passed, M failed" (CI reads that line). A suite that crashes counts as one failure.
import { spawn } from 'node:child_process';
import { startServer } from '../conformance/server.mjs';
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

// name, node flags, environment, test files
const suites = [
  ['unit', [], {}, files('test/unit')],
  ['dist', [], {}, files('test/dist')],
  ['integration (Node 20, ws backend)', [], { WS_SHIM_BACKEND: 'ws', ...serverEnv }, files('test/integration')],
  ['integration (Node 20, built-in backend)', ['--experimental-websocket'], { WS_SHIM_BACKEND: 'builtin', ...serverEnv }, files('test/integration')]
];

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
    child.on('close', (status) => resolve({ status }));
  });
}

const only = process.argv[2];
const statsDir = mkdtempSync(join(tmpdir(), 'ws-shim-stats-'));
let passed = 0;
let failed = 0;
const lines = [];
for (const [name, flags, env, list] of suites) {
  if (only && !name.startsWith(only)) continue;
  if (list.length === 0) continue;
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
  passed += p;
  failed += f;
  lines.push(`${name}: ${p} passed, ${f} failed`);
}
console.log('\n' + lines.join('\n'));
await server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
