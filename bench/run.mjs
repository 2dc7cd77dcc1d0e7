// `npm run bench`: the shim against the same native engine in the same run, per backend, with
// the server in its own process (bench/server.cjs) and each client in the runtime under test
// (bench/client.mjs): Node's built-in backend on the pinned Node 24 (fetched by the runtime
// matrix's own script, test/runtimes/fetch.mjs), the `ws` backend on this machine's Node, and
// Chromium (bench/page.html: the engine's WebSocket against the script-tag shim wrapping it; held
// on 127.0.0.1 as the browser suite's launcher does, with its proxy sink).
// Writes bench/RESULTS.md (machine, versions, date, every figure with its target).
//
//   npm run bench                          everything, writes bench/RESULTS.md
//   npm run bench -- --quick               fewer pairs and smaller counts (a smoke run; no RESULTS.md)
//   npm run bench -- --only "receive text" --backends ws    a part (no RESULTS.md)
//   npm run bench -- --pairs 25 --only "send Uint8Array 64"  more A B B A pairs per figure (default 7,
//                                          2 with --quick): a narrower spread for a figure near its target
//   backends: builtin, ws, chromium (a backend that cannot run here is skipped and said so)
//
// Benchmarks print figures; they are not tests and never fail on a figure. They fail only when
// a run cannot be measured (a server that did not receive every byte counts as that).
import { spawn } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { cpus, totalmem, platform, arch, release, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntimes, PINS } from '../test/runtimes/fetch.mjs';
import { TARGETS, verdict } from './targets.mjs';
import { ENGINES, missing, launch } from '../test/browsers/lib/engines.mjs';
import { startProxySink, formatRecords } from '../test/browsers/lib/proxy-sink.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i === -1 ? null : argv[i + 1];
};
const quick = argv.includes('--quick');
const only = opt('--only');
const pairsOpt = opt('--pairs');
if (pairsOpt !== null && !(+pairsOpt >= 1 && Number.isInteger(+pairsOpt))) {
  console.error('bench/run.mjs: --pairs wants a whole number >= 1, got ' + pairsOpt);
  process.exit(2);
}
const pairs = pairsOpt !== null ? +pairsOpt : quick ? 2 : 7;
const perFigure = `${pairs} A B B A pair${pairs === 1 ? '' : 's'} per figure`;
const backends = (opt('--backends') || 'builtin,ws,chromium').split(',');
const full = !quick && !only && !opt('--backends');
const BUILTIN_MAJOR = 24;

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'server.cjs')], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve({ child, url: `ws://127.0.0.1:${m[1]}/bench` });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error('bench server exited ' + code)));
  });
}

function runClient(bin, config) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, BENCH_CONFIG: JSON.stringify(config) };
    delete env.NODE_OPTIONS;
    const child = spawn(bin, ['--expose-gc', '--max-old-space-size=4096', join(here, 'client.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${config.backend} client exited ${code}: ${err.trim()}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

const fmt = (x, d = 2) => (typeof x === 'number' ? x.toFixed(d) : '—');
const kb = (bytes) => (bytes / 1024).toFixed(2) + ' KB';

function row(r) {
  if (r.overBytes !== undefined) return `| ${r.id} | ${kb(r.native)} | ${kb(r.shim)} | ${r.overBytes < 0 ? '−' + kb(-r.overBytes) : '+' + kb(r.overBytes)} over native | | ${verdict(r)} |`;
  if (r.growth !== undefined) return `| ${r.id} (after warm-up) | growth ${kb(r.nativeGrowth)} | heap ${kb(r.heapStart)}, mid ${kb(r.heapMiddle)}, end ${kb(r.heapEnd)} | growth ${kb(r.growth)} | | ${verdict(r)} |`;
  const extra = r.extraCost !== undefined ? ` (extra cost ${(r.extraCost * 100).toFixed(0)} %)` : r.timeRatio !== undefined ? ` (time ${fmt(r.timeRatio)}× native)` : '';
  return `| ${r.id}${r.mode ? ` (${r.mode})` : ''} | ${fmt(r.native, 0)}/s | ${fmt(r.shim, 0)}/s | **${fmt(r.ratio)}**${extra} | ${fmt(r.min)}–${fmt(r.max)} | ${verdict(r)} |`;
}

/** The browser page in Chromium, held on 127.0.0.1 (the browser suite's launcher and proxy sink). */
async function runChromium(url, config) {
  const engine = ENGINES.find((e) => e.id === 'chromium');
  if (missing(engine).length) return { skipped: 'Chromium is not installed (apt-get install -y chromium)' };
  const sink = await startProxySink();
  const session = await launch(engine, { sinkAddress: sink.address });
  try {
    const page = url.replace(/^ws:/, 'http:').replace(/\/bench$/, '/bench/page.html');
    const q = new URLSearchParams({ url, pairs: config.pairs, scale: config.scale, ...(config.only ? { only: config.only } : {}) });
    const result = await session.load(`${page}?${q}`, { timeoutMs: 30 * 60 * 1000 });
    if (result.error) throw new Error('Chromium page: ' + result.error);
    result.runtime.browser = session.version;
    if (sink.count) console.log('   left 127.0.0.1 (sent to the proxy sink):\n' + formatRecords(sink.records()));
    return result;
  } finally {
    await session.close();
    await sink.close();
  }
}

const loadAtStart = loadavg()[0];
const server = await startServer();
const runs = [];
try {
  for (const backend of backends) {
    if (backend === 'chromium') {
      const config = { pairs, scale: quick ? 0.1 : 1, only };
      console.log(`== chromium (script-tag shim over the engine; ${perFigure}) …`);
      const t0 = Date.now();
      const run = await runChromium(server.url, config);
      if (run.skipped) {
        console.log('   skipped: ' + run.skipped);
        continue;
      }
      console.log(`   ${run.results.length} figures in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      for (const r of run.results) console.log('   ' + row(r));
      runs.push(run);
      continue;
    }
    let bin = process.execPath;
    if (backend === 'builtin') {
      const [rt] = await ensureRuntimes([BUILTIN_MAJOR], { log: (l) => console.log(l) });
      if (rt.error) throw new Error(rt.error);
      bin = rt.bin;
    }
    const config = { url: server.url, backend, pairs, scale: quick ? 0.1 : 1, only };
    console.log(`== ${backend} backend (${bin === process.execPath ? 'node ' + process.version : 'node ' + PINS[BUILTIN_MAJOR]}; ${perFigure}) …`);
    const t0 = Date.now();
    const run = await runClient(bin, config);
    console.log(`   ${run.results.length} figures in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    for (const r of run.results) console.log('   ' + row(r));
    runs.push(run);
  }
} finally {
  server.child.kill();
}

if (full) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}; websocket-shim ${pkg.version}.`,
    `Machine: ${platform()}-${arch()} ${release()}, ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; the server in its own process.`,
    `Load average (1 min) at the start and the end of the run: ${loadAtStart.toFixed(2)} / ${loadavg()[0].toFixed(2)} (other work shares the machine; ratios, not rates, are comparable).`,
    '',
    `Each throughput figure: the shim against the same native engine in the same process, trials in ${pairs} A B B A`,
    'pairs (A native, B shim), ratio = shim ÷ native messages per second (1.00 = as fast), median of the',
    "pairs with the lowest and highest pair. Every send trial checks the server's count, bytes and SHA-1;",
    'every receive trial counts the messages and their bytes. The receive server writes all frames at once,',
    'so the figure is the client\'s rate, not the server\'s. Heap per socket: 500 sockets of each open at',
    'once, heap after GC, medians of 6 alternating rounds. Cycles: after 1,000 cycles of warm-up, heap after',
    "GC at the start, halfway and the end of the cycles, with the native's own growth measured the same way.",
    'The two control rows measure the native against itself the same way (two native sockets): their spread',
    'is what this machine gives a ratio of 1.00, the noise floor for every row above them.',
    'Targets are those of issue 13.',
    ''
  ];
  for (const run of runs) {
    const rt = run.runtime;
    const engine =
      run.backend === 'chromium' ? `${rt.browser} (script tag)` : run.backend === 'builtin' ? `Node ${rt.node} built-in WebSocket (undici ${rt.undici})` : `Node ${rt.node}, \`ws\` ${rt.ws}`;
    lines.push(`## ${engine}`, '', '| figure | native | shim | shim ÷ native | spread | target |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of run.results) lines.push(row(r));
    lines.push('');
  }
  lines.push('Targets: ' + TARGETS.map((t) => `${t.label} ${t.text}`).join('; ') + '.', '');
  writeFileSync(join(here, 'RESULTS.md'), lines.join('\n'));
  console.log('bench/RESULTS.md written');
}
process.exit(0);
