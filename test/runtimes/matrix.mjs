// The Node.js matrix: the integration suites (test/integration/*.test.cjs) in every supported
// Node major (test/runtimes/fetch.mjs), once per backend that runtime can have:
//   builtin  the global WebSocket (undici): by default on 22+, with --experimental-websocket on 20/21
//   ws       ws 8 (on 22+ with --no-experimental-websocket: Node without a built-in)
//   ws7      ws 7, as in a project that pins it
// Each run is a child process of that runtime running test/runtimes/runner.cjs (mocha 12 and
// chai 6 need a newer Node); the build and this script run on the machine's Node.
//
//   node test/runtimes/matrix.mjs                 run everything, save test-results/node-matrix.json
//   node test/runtimes/matrix.mjs --only 10,12 --backend ws7 [--verbose]   a part (saved as *.partial.json)
//   node test/runtimes/matrix.mjs --write-readme  run everything, then write the README table
//   node test/runtimes/matrix.mjs --readme-only   write the README table from the saved results
//   node test/runtimes/matrix.mjs --entry modern  websocket-shim/modern instead (Node 16–24, MODERN_MAJORS;
//                                                 the conformance checks too; saved as node-matrix-modern.json)
//
// test/run-all.mjs calls runMatrix() with its test server and counts the results in its total.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntimes, MAJORS } from './fetch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runner = join(root, 'test', 'runtimes', 'runner.cjs');
export const resultsFile = join(root, 'test-results', 'node-matrix.json');
const readmeFile = join(root, 'README.md');
const START = '<!-- node-matrix:start -->';
const END = '<!-- node-matrix:end -->';

const pkgVersion = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * The Node majors the modern entry (websocket-shim/modern, issue 13) is tested on: every major it
 * covers (README: Node 18+; on 18 over `ws`, on 20 over `ws` and the flagged built-in), and Node 16,
 * which it must refuse (no global DOMException): test/integration/modern-refusal.test.cjs.
 */
export const MODERN_MAJORS = [16, 18, 20, 22, 24];
/** The majors of MODERN_MAJORS the modern entry refuses: they run its refusal test, not the integration suites. */
const MODERN_REFUSED = [16];
const REFUSAL_FILES = [join('test', 'runtimes', 'modern-refusal.test.cjs')];

/**
 * The suites each run takes: the integration suites (CommonJS, for Node 10); for the modern entry
 * the conformance check list too (an ES module: runner.cjs imports it where require() cannot).
 */
function integrationFiles(entry) {
  const dir = join(root, 'test', 'integration');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.cjs') || (entry === 'modern' && f === 'conformance.test.mjs'))
    .sort()
    .map((f) => join('test', 'integration', f));
}

/** What a runtime offers: its version, a built-in WebSocket by default or with the flag. */
function probe(bin) {
  const ask = (flags) => {
    const r = spawnSync(bin, [...flags, '-p', 'JSON.stringify({ v: process.version, ws: typeof WebSocket, undici: process.versions.undici || null })'], {
      encoding: 'utf8',
      timeout: 30000
    });
    return r.status === 0 ? JSON.parse(r.stdout) : null; // an unknown flag: exit 9
  };
  const plain = ask([]);
  const flagged = ask(['--experimental-websocket']);
  return {
    version: plain ? plain.v.slice(1) : null,
    builtinByDefault: !!plain && plain.ws === 'function',
    builtinWithFlag: !!flagged && flagged.ws === 'function',
    undici: (flagged && flagged.undici) || (plain && plain.undici) || null
  };
}

/** The runs for one runtime: [{ backend, label, flags }]. */
function combosFor(p, only) {
  const list = [];
  const noBuiltin = p.builtinByDefault ? ['--no-experimental-websocket'] : [];
  if (p.builtinByDefault) list.push({ backend: 'builtin', label: `built-in (undici ${p.undici})`, flags: [] });
  else if (p.builtinWithFlag) list.push({ backend: 'builtin', label: `built-in (undici ${p.undici})`, flags: ['--experimental-websocket'] });
  list.push({ backend: 'ws', label: `ws ${pkgVersion('ws')}`, flags: noBuiltin });
  list.push({ backend: 'ws7', label: `ws ${pkgVersion('ws7')}`, flags: noBuiltin });
  return only ? list.filter((c) => only.includes(c.backend)) : list;
}

function runOne(bin, combo, files, env, verbose) {
  return new Promise((resolve) => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-shim-matrix-'));
    const statsFile = join(dir, 'stats.json');
    const childEnv = { ...process.env, ...env, WS_SHIM_BACKEND: combo.backend, TEST_STATS_FILE: statsFile };
    delete childEnv.NODE_OPTIONS;
    delete childEnv.NODE_PATH;
    const t0 = Date.now();
    const args = [...combo.flags, runner, ...(verbose ? ['--verbose'] : []), ...files];
    const child = spawn(bin, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // A run that hangs past every test timeout is killed (and counted as a failure).
    const killer = setTimeout(() => child.kill('SIGKILL'), 10 * 60 * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      let s = null;
      try {
        s = JSON.parse(readFileSync(statsFile, 'utf8'));
      } catch {
        s = null;
      }
      rmSync(dir, { recursive: true, force: true });
      const r = {
        backend: combo.backend,
        label: combo.label,
        flags: combo.flags,
        passes: s ? s.passes : 0,
        failures: s ? s.failures : 0,
        pending: s ? s.pending : 0,
        passed: s ? s.passed : [],
        failed: s ? s.failed : [],
        skipped: s ? s.skipped : [],
        hung: s ? s.hung : false,
        exit: signal || code,
        ms: Date.now() - t0,
        output
      };
      // Crashed, killed or exited badly without saying why: one failure more.
      if (!s || (code !== 0 && r.failures === 0)) {
        r.failures += 1;
        r.failed.push({ title: `${combo.backend} run exited ${signal || code}`, error: output.slice(-4000) });
      }
      resolve(r);
    });
  });
}

/** The result of the entries test whose title starts with `prefix`: 'pass' | 'fail' | 'skip: reason' | null. */
function entryResult(run, prefix) {
  const match = (t) => t.includes('the package by name') && t.includes(`] ${prefix}`);
  if (run.passed.some(match)) return 'pass';
  if (run.failed.some((f) => match(f.title))) return 'fail';
  const sk = run.skipped.find((s) => match(s.title));
  if (sk) return 'skip: ' + sk.reason;
  return null;
}

const fmtS = (ms) => (ms / 1000).toFixed(1) + ' s';

/** One line for a runtime. */
function runtimeLine(rt) {
  if (rt.error) return `node ${String(rt.major).padEnd(2)} unavailable: ${rt.error}`;
  const parts = rt.runs.map((r) => {
    const skipped = r.pending ? `, ${r.pending} skipped` : '';
    return `${r.label}${r.flags.length ? ' ' + r.flags.join(' ') : ''}: ${r.passes} passed, ${r.failures} failed${skipped}`;
  });
  const slowest = Math.max(...rt.runs.map((r) => r.ms));
  return `node ${rt.version.padEnd(8)} ${parts.join(' | ')}  (${fmtS(slowest)})`;
}

/**
 * Runs the matrix against the test server at serverUrl; prints one line per runtime (and the
 * failures under it); resolves with { passes, failures, results }.
 */
export async function runMatrix({ serverUrl, majors = MAJORS, backends = null, verbose = false, log = console.log, concurrency, entry = 'full' } = {}) {
  const t0 = Date.now();
  const files = integrationFiles(entry);
  const runtimes = await ensureRuntimes(majors, { log: (l) => log(l) });
  const jobs = [];
  const rts = runtimes.map((r) => {
    const rt = { major: r.major, version: r.version ? r.version.replace(/^v/, '') : null, bin: r.bin, error: r.error, runs: [], probe: null };
    if (!r.error) {
      rt.probe = probe(r.bin);
      rt.combos = combosFor(rt.probe, backends);
      for (const c of rt.combos) jobs.push({ rt, combo: c });
    }
    return rt;
  });
  // Print runtime lines in order, each as soon as it and all before it are done.
  let printed = 0;
  const done = new Set();
  function flush() {
    while (printed < rts.length && (rts[printed].error || done.has(rts[printed]))) {
      const rt = rts[printed++];
      log(runtimeLine(rt));
      for (const run of rt.runs) {
        for (const f of run.failed) log(`    ✗ [node ${rt.version}, ${run.label}] ${f.title}\n      ${String(f.error).split('\n').join('\n      ')}`);
        if (verbose) log(run.output);
      }
    }
  }
  let next = 0;
  const width = concurrency || Math.max(2, Math.min(4, cpus().length));
  async function worker() {
    while (next < jobs.length) {
      const { rt, combo } = jobs[next++];
      const list = entry === 'modern' && MODERN_REFUSED.includes(rt.major) ? REFUSAL_FILES : files;
      const r = await runOne(rt.bin, combo, list, { TEST_SERVER_URL: serverUrl, WS_SHIM_ENTRY: entry }, verbose);
      rt.runs.push(r);
      if (rt.runs.length === rt.combos.length) {
        rt.runs.sort((a, b) => rt.combos.findIndex((c) => c.backend === a.backend) - rt.combos.findIndex((c) => c.backend === b.backend));
        done.add(rt);
        flush();
      }
    }
  }
  flush();
  await Promise.all(Array.from({ length: width }, worker));
  flush();
  let passes = 0;
  let failures = 0;
  for (const rt of rts) {
    if (rt.error) failures += 1;
    for (const r of rt.runs) {
      passes += r.passes;
      failures += r.failures;
    }
  }
  const results = {
    generated: new Date().toISOString(),
    host: `${process.platform}-${process.arch}, ${cpus().length} CPUs, runner on node ${process.versions.node}`,
    ms: Date.now() - t0,
    entry,
    complete: entry === 'full' && !backends && majors.length === MAJORS.length && MAJORS.every((m) => majors.includes(m)),
    files: files.map((f) => f.replace(/\\/g, '/')),
    passes,
    failures,
    runtimes: rts.map((rt) => ({
      major: rt.major,
      version: rt.version,
      error: rt.error || null,
      builtin: rt.probe ? (rt.probe.builtinByDefault ? 'default' : rt.probe.builtinWithFlag ? 'flag' : 'none') : null,
      runs: rt.runs.map((r) => ({
        backend: r.backend,
        label: r.label,
        flags: r.flags,
        passes: r.passes,
        failures: r.failures,
        pending: r.pending,
        ms: r.ms,
        cjs: entryResult(r, 'CJS'),
        esm: entryResult(r, 'ESM'),
        failed: r.failed,
        skipped: r.skipped
      }))
    }))
  };
  log(`node matrix${entry === 'full' ? '' : ', ' + entry + ' entry'}: ${rts.length} runtimes, ${jobs.length} runs, ${fmtS(results.ms)}`);
  return { passes, failures, results };
}

export function saveResults(results) {
  const suffix = results.entry && results.entry !== 'full' ? '-' + results.entry : '';
  const file = results.complete ? resultsFile : resultsFile.replace(/\.json$/, suffix + (suffix ? '' : '.partial') + '.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}

// ---------------------------------------------------------------------------
// The README table.

/** A skip reason without the runtime's version, so equal reasons share a footnote. */
function reasonKey(reason) {
  return reason.replace(/Node \d+\.\d+\.\d+/g, 'this Node');
}

export function readmeTable(results) {
  const notes = [];
  const note = (text) => {
    let i = notes.indexOf(text);
    if (i === -1) i = notes.push(text) - 1;
    return `<sup>${i + 1}</sup>`;
  };
  const cell = (r) => {
    if (r === 'pass') return 'yes';
    if (r === 'fail') return '**fails**';
    if (r && r.startsWith('skip: ')) return 'no ' + note(reasonKey(r.slice(6)));
    return '?';
  };
  const rows = [];
  for (const rt of results.runtimes) {
    if (rt.error) {
      rows.push(`| ${rt.major} | — | — | — | — | — | not run: ${rt.error} |`);
      continue;
    }
    for (const r of rt.runs) {
      const backend = r.backend === 'builtin' ? `built-in WebSocket (${r.label.replace(/^built-in \((.*)\)$/, '$1')})` : `\`${r.label.replace(' ', '` ')}`;
      const flags = r.flags.length ? r.flags.map((f) => '`' + f + '`').join(' ') : '';
      const reasons = {};
      for (const s of r.skipped) reasons[reasonKey(s.reason)] = (reasons[reasonKey(s.reason)] || 0) + 1;
      const skipped = Object.keys(reasons)
        .map((k) => `${reasons[k]} skipped ${note(k)}`)
        .join(', ');
      const status = r.failures === 0 ? 'pass' : '**FAIL**';
      const suite = `${status}: ${r.passes} passed, ${r.failures} failed${skipped ? ', ' + skipped : ''}`;
      rows.push(`| ${rt.major} | ${rt.version} | ${backend} | ${flags} | ${cell(r.cjs)} | ${cell(r.esm)} | ${suite} |`);
    }
  }
  const lines = [
    START,
    `<!-- generated from test-results/node-matrix.json (npm test, or node test/runtimes/matrix.mjs) by node test/runtimes/matrix.mjs --readme-only; do not edit by hand -->`,
    '',
    '| Node.js | tested | backend | node flags | `require` entries | `import` entries | integration suite |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...notes.map((n, i) => `<sup>${i + 1}</sup> ${n}  `),
    '',
    `Generated ${results.generated.slice(0, 10)} from one matrix run (${results.runtimes.reduce((n, rt) => n + rt.runs.length, 0)} runs of ` +
      `${results.files.length} suite files, ${results.passes} tests passed, ${results.failures} failed; ${(results.ms / 1000).toFixed(0)} s on ${results.host}).`,
    END
  ];
  return lines.join('\n');
}

export function writeReadme(results) {
  if (!results.complete) throw new Error('the README table is written from a complete matrix run only');
  const text = readFileSync(readmeFile, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a === -1 || b === -1 || b < a) throw new Error(`README.md has no ${START} … ${END} block`);
  const next = text.slice(0, a) + readmeTable(results) + text.slice(b + END.length);
  writeFileSync(readmeFile, next);
  return next !== text;
}

/** Whether the README block is the one these results generate. */
export function readmeUpToDate(results) {
  const text = readFileSync(readmeFile, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a === -1 || b === -1) return false;
  const strip = (s) => s.replace(/^Generated .*$/m, '');
  return strip(text.slice(a, b + END.length)) === strip(readmeTable(results));
}

// ---------------------------------------------------------------------------

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i === -1 ? null : argv[i + 1];
  };
  if (argv.includes('--readme-only')) {
    if (!existsSync(resultsFile)) {
      console.error(`no ${resultsFile}: run the matrix first`);
      process.exit(1);
    }
    const changed = writeReadme(JSON.parse(readFileSync(resultsFile, 'utf8')));
    console.log(changed ? 'README.md table written' : 'README.md table already up to date');
    process.exit(0);
  }
  const entry = opt('--entry') || 'full';
  const majors = opt('--only') ? opt('--only').split(',').map(Number) : entry === 'modern' ? MODERN_MAJORS : MAJORS;
  const backends = opt('--backend') ? opt('--backend').split(',') : null;
  const { startServer } = await import('../../conformance/server.mjs');
  const server = await startServer();
  const { failures, results } = await runMatrix({ serverUrl: server.httpUrl, majors, backends, entry, verbose: argv.includes('--verbose') });
  await server.close();
  console.log(`results: ${saveResults(results)}`);
  if (argv.includes('--write-readme') && entry === 'full') {
    if (failures) console.log('README.md not written: the matrix has failures');
    else console.log(writeReadme(results) ? 'README.md table written' : 'README.md table already up to date');
  }
  console.log(`${results.passes} passed, ${results.failures} failed`);
  process.exit(failures ? 1 : 0);
}
