// The Node benchmark client: runs in the runtime under test (this machine's Node for the `ws`
// backend; a pinned runtime from test/runtimes/ for the built-in one), against bench/server.cjs.
// Input: BENCH_CONFIG (JSON: { url, backend: 'ws'|'builtin', pairs, scale, only, parts }).
// Output: one JSON line on stdout, { runtime, backend, results: [...] }. The trials are
// bench/trials.mjs (shared with the browser page); heap figures are Node's own (--expose-gc).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { sendBench, receiveBench, controlBench, strictBench, surrogateBench, open, median } from './trials.mjs';

const require = createRequire(import.meta.url);
const cfg = JSON.parse(process.env.BENCH_CONFIG || '{}');
const shim = require('../dist/websocket-shim.node.cjs');
const Native = cfg.backend === 'builtin' ? globalThis.WebSocket : require('ws');
if (typeof Native !== 'function') throw new Error('no native WebSocket for backend ' + cfg.backend);
const Shim = {
  strict: shim.createWebSocketClass({ mode: 'strict', native: Native }),
  standard: shim.createWebSocketClass({ mode: 'standard', native: Native })
};
const host = {
  now: () => Number(process.hrtime.bigint()) / 1e6,
  sha1: async (chunks) => {
    const h = createHash('sha1');
    for (const c of chunks) h.update(c);
    return h.digest('hex');
  },
  Blob: typeof Blob === 'function' ? Blob : require('buffer').Blob
};
const closeAll = (list) => Promise.all(list.map((ws) => new Promise((r) => { ws.onclose = r; ws.close(); })));

/**
 * Heap per open socket, shim minus native: K sockets of each open at once, heap after GC before
 * and after, in alternating rounds (the order flipped each round), medians of the rounds.
 */
async function heapBench(url, results, only) {
  if ((only && !'heap per open socket'.includes(only)) || typeof global.gc !== 'function') return;
  const K = 500;
  async function perSocket(Ctor) {
    global.gc();
    const before = process.memoryUsage().heapUsed;
    const list = await Promise.all(Array.from({ length: K }, () => open(Ctor, url)));
    global.gc();
    const after = process.memoryUsage().heapUsed;
    await closeAll(list);
    return (after - before) / K;
  }
  await perSocket(Native);
  await perSocket(Shim.strict);
  const a = [];
  const b = [];
  for (let p = 0; p < 6; p++) {
    if (p % 2) {
      b.push(await perSocket(Shim.strict));
      a.push(await perSocket(Native));
    } else {
      a.push(await perSocket(Native));
      b.push(await perSocket(Shim.strict));
    }
  }
  results.push({ id: 'heap per open socket', native: median(a), shim: median(b), overBytes: median(b) - median(a) });
}

/**
 * Open/close cycles, 50 at a time, after 1,000 cycles of warm-up (compiled code, pools and
 * caches of the runtime itself grow at first, with or without the shim): heap after GC at the
 * start, halfway and the end; the native's own growth alongside, measured the same way.
 */
async function cyclesBench(url, results, only, scale) {
  if ((only && !'open/close cycles'.includes(only)) || typeof global.gc !== 'function') return;
  const total = Math.round(10000 * Math.min(1, scale));
  // Closed sockets are released in later tasks (timers, finalizers): GC, a pause, GC again.
  const heap = async () => {
    global.gc();
    await new Promise((r) => setTimeout(r, 20));
    global.gc();
    return process.memoryUsage().heapUsed;
  };
  const cycles = async (Ctor, n, marks) => {
    for (let done = 0; done < n; done += 50) {
      await closeAll(await Promise.all(Array.from({ length: 50 }, () => open(Ctor, url))));
      if (marks && done + 50 === n / 2) marks.push(await heap());
    }
  };
  const run = async (Ctor) => {
    await cycles(Ctor, Math.round(total / 10));
    const marks = [await heap()];
    await cycles(Ctor, total, marks);
    marks.push(await heap());
    return marks;
  };
  const nat = await run(Native);
  const marks = await run(Shim.strict);
  results.push({
    id: `${total} open/close cycles`,
    heapStart: marks[0],
    heapMiddle: marks[1],
    heapEnd: marks[2],
    growth: marks[2] - marks[0],
    nativeGrowth: nat[2] - nat[0]
  });
}

const results = [];
// Node moves 1–2 M small messages/s: trials of ~50–150 ms need far more than the browser's budget.
const budget = { send: 16e6, receive: 64e6, cap: 100000 };
const opts = { pairs: cfg.pairs || 5, scale: cfg.scale || 1, only: cfg.only || null, budget };
const parts = cfg.parts || ['send', 'receive', 'control', 'strict', 'surrogate', 'heap', 'cycles'];
for (const p of parts) {
  if (p === 'send') await sendBench(host, Native, Shim, cfg.url, opts, results);
  if (p === 'receive') await receiveBench(host, Native, Shim, cfg.url, opts, results);
  if (p === 'control') await controlBench(host, Native, cfg.url, opts, results);
  if (p === 'strict') await strictBench(host, Native, Shim, cfg.url, opts, results);
  if (p === 'surrogate') await surrogateBench(host, Native, Shim, cfg.url, opts, results);
  if (p === 'heap') await heapBench(cfg.url, results, opts.only);
  if (p === 'cycles') await cyclesBench(cfg.url, results, opts.only, opts.scale);
}
const runtime = { node: process.version, undici: process.versions.undici || null, ws: cfg.backend === 'ws' ? require('ws/package.json').version : null };
process.stdout.write(JSON.stringify({ runtime, backend: cfg.backend, results }) + '\n');
process.exit(0);
