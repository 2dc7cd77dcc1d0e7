// The Node benchmark client: runs in the runtime under test (this machine's Node for the `ws`
// backend; a pinned runtime from test/runtimes/ for the built-in one), against bench/server.cjs.
// Input: BENCH_CONFIG (JSON: { url, backend: 'ws'|'builtin', pairs, scale, only, parts }).
// Output: one JSON line on stdout, { runtime, backend, results: [...] }. The trials are
// bench/trials.mjs (shared with the browser page); heap figures are Node's own (--expose-gc).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { sendBench, receiveBench, strictBench, surrogateBench, open, median } from './trials.mjs';

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

/** Heap per open socket, shim minus native. */
async function heapBench(url, results, only) {
  if ((only && !'heap per open socket'.includes(only)) || typeof global.gc !== 'function') return;
  const K = 200;
  async function perSocket(Ctor) {
    global.gc();
    const before = process.memoryUsage().heapUsed;
    const list = await Promise.all(Array.from({ length: K }, () => open(Ctor, url)));
    global.gc();
    const after = process.memoryUsage().heapUsed;
    await closeAll(list);
    return (after - before) / K;
  }
  const a = [];
  const b = [];
  for (let p = 0; p < 3; p++) {
    a.push(await perSocket(Native));
    b.push(await perSocket(Shim.strict));
  }
  results.push({ id: 'heap per open socket', native: median(a), shim: median(b), overBytes: median(b) - median(a) });
}

/** Shim open/close cycles, 50 at a time: heap after GC at the start, halfway and the end. */
async function cyclesBench(url, results, only, scale) {
  if ((only && !'open/close cycles'.includes(only)) || typeof global.gc !== 'function') return;
  const total = Math.round(10000 * Math.min(1, scale));
  const heap = () => (global.gc(), process.memoryUsage().heapUsed);
  const marks = [heap()];
  for (let done = 0; done < total; done += 50) {
    await closeAll(await Promise.all(Array.from({ length: 50 }, () => open(Shim.strict, url))));
    if (done + 50 === total / 2) marks.push(heap());
  }
  marks.push(heap());
  results.push({ id: `${total} open/close cycles`, heapStart: marks[0], heapMiddle: marks[1], heapEnd: marks[marks.length - 1], growth: marks[marks.length - 1] - marks[0] });
}

const results = [];
// Node moves 1–2 M small messages/s: trials of ~50–150 ms need far more than the browser's budget.
const budget = { send: 16e6, receive: 64e6, cap: 100000 };
const opts = { pairs: cfg.pairs || 5, scale: cfg.scale || 1, only: cfg.only || null, budget };
const parts = cfg.parts || ['send', 'receive', 'strict', 'surrogate', 'heap', 'cycles'];
for (const p of parts) {
  if (p === 'send') await sendBench(host, Native, Shim, cfg.url, opts, results);
  if (p === 'receive') await receiveBench(host, Native, Shim, cfg.url, opts, results);
  if (p === 'strict') await strictBench(host, Native, Shim, cfg.url, opts, results);
  if (p === 'surrogate') await surrogateBench(host, Native, Shim, cfg.url, opts, results);
  if (p === 'heap') await heapBench(cfg.url, results, opts.only);
  if (p === 'cycles') await cyclesBench(cfg.url, results, opts.only, opts.scale);
}
const runtime = { node: process.version, undici: process.versions.undici || null, ws: cfg.backend === 'ws' ? require('ws/package.json').version : null };
process.stdout.write(JSON.stringify({ runtime, backend: cfg.backend, results }) + '\n');
process.exit(0);
