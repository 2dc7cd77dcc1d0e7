// The benchmark client: runs in the Node runtime under test (the machine's Node for the `ws`
// backend; a pinned runtime from test/runtimes/ for the built-in one), against bench/server.cjs.
// Input: BENCH_CONFIG (JSON: { url, backend: 'ws'|'builtin', pairs, scale, only }).
// Output: one JSON line on stdout, { runtime, backend, results: [...] }.
//
// Every figure compares the shim against the same native engine in the same process: trials in
// A B B A pairs (A = native, B = shim), each pair's ratio = shim throughput / native throughput
// (1.00 = as fast as the native), then the median of the pairs' ratios and their spread. Every
// send trial ends with the server's count, byte total and SHA-1 of what it received, checked
// against what was sent: a shim that drops or reorders data fails the run instead of looking fast.
'use strict';
const crypto = require('crypto');
const path = require('path');

const cfg = JSON.parse(process.env.BENCH_CONFIG || '{}');
const shim = require(path.join(__dirname, '..', 'dist', 'websocket-shim.node.cjs'));
const Native = cfg.backend === 'builtin' ? globalThis.WebSocket : require('ws');
if (typeof Native !== 'function') throw new Error('no native WebSocket for backend ' + cfg.backend);
const Shim = { strict: shim.createWebSocketClass({ mode: 'strict', native: Native }), standard: shim.createWebSocketClass({ mode: 'standard', native: Native }) };
const PAIRS = cfg.pairs || 5;
const SCALE = cfg.scale || 1;
const CTRL = '\u0000';

const now = () => Number(process.hrtime.bigint()) / 1e6;
function median(list) {
  const s = list.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function open(Ctor, url) {
  return new Promise((resolve, reject) => {
    const ws = new Ctor(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error('cannot connect to ' + url));
  });
}

/** The next control message (a string starting with \0) on ws; other messages go to onData. */
function control(ws, onData) {
  return new Promise((resolve) => {
    ws.onmessage = (ev) => {
      const d = ev.data;
      if (typeof d === 'string' && d.charCodeAt(0) === 0) {
        ws.onmessage = null;
        resolve(d.slice(1));
      } else if (onData) onData(d);
    };
  });
}

// ---------------------------------------------------------------------------
// Payloads: [label, make(size) → data, bytes of one message (UTF-8 for strings)].
const ASTRAL = '\ud83d\ude00'; // 4 UTF-8 bytes
const KINDS = {
  'string ASCII': (n) => 'x'.repeat(n),
  'string astral': (n) => ASTRAL.repeat(n / 4),
  ArrayBuffer: (n) => new Uint8Array(n).map((_, i) => i & 0xff).buffer,
  Uint8Array: (n) => new Uint8Array(n).map((_, i) => i & 0xff),
  Blob: (n) => new Blob([new Uint8Array(n).map((_, i) => i & 0xff)])
};
function bytesOf(data) {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Expected server record for n copies of data. */
function expectation(data, blobBytes, n) {
  const one = blobBytes || bytesOf(data);
  const h = crypto.createHash('sha1');
  for (let i = 0; i < n; i++) h.update(one);
  return { count: n, bytes: one.length * n, sha1: h.digest('hex') };
}

/**
 * One send trial: n sends, then END; resolves with messages/s after checking the server's record.
 * `prepare` (optional) runs inside the timed loop on the data before each send.
 */
async function sendTrial(ws, data, n, expect, prepare) {
  const reply = control(ws);
  const t0 = now();
  if (prepare) for (let i = 0; i < n; i++) ws.send(prepare(data));
  else for (let i = 0; i < n; i++) ws.send(data);
  ws.send(CTRL + 'END');
  const got = JSON.parse(await reply);
  const ms = now() - t0;
  if (got.count !== expect.count || got.bytes !== expect.bytes || got.sha1 !== expect.sha1) {
    throw new Error(`the server received ${JSON.stringify(got)}, expected ${JSON.stringify(expect)}`);
  }
  return (n / ms) * 1000;
}

/** One receive trial: the server sends n messages; resolves with message events/s after checking them. */
async function receiveTrial(ws, n, size, kind) {
  let count = 0;
  let units = 0;
  const done = control(ws, (d) => {
    count++;
    units += typeof d === 'string' ? d.length : d.byteLength;
  });
  const t0 = now();
  ws.send(CTRL + `GO ${n} ${size} ${kind}`);
  const tail = await done;
  const ms = now() - t0;
  if (count !== n || units !== n * size) throw new Error(`received ${count} messages / ${units} units, expected ${n} / ${n * size}`);
  if (!tail.startsWith('DONE ')) throw new Error('unexpected control message ' + tail);
  return (n / ms) * 1000;
}

/** A B B A pairs of a trial function: { native, shim } messages/s medians and the ratio's median and spread. */
async function abba(trialA, trialB) {
  await trialA();
  await trialB(); // warm-up, not counted
  const ratios = [];
  const a = [];
  const b = [];
  for (let p = 0; p < PAIRS; p++) {
    const a1 = await trialA();
    const b1 = await trialB();
    const b2 = await trialB();
    const a2 = await trialA();
    a.push(a1, a2);
    b.push(b1, b2);
    ratios.push((b1 + b2) / (a1 + a2));
  }
  return { native: median(a), shim: median(b), ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

const count = (size) => Math.max(50, Math.min(5000, Math.round((2e6 * SCALE) / size)));

async function sendBench(url, results, only) {
  const nat = await open(Native, url);
  const sh = await open(Shim.standard, url);
  for (const kind of Object.keys(KINDS)) {
    if (kind === 'Blob' && typeof Blob !== 'function') continue;
    for (const size of [64, 4096, 65536]) {
      const id = `send ${kind} ${size}`;
      if (only && !id.includes(only)) continue;
      const data = KINDS[kind](size);
      const blobBytes = kind === 'Blob' ? Buffer.from(new Uint8Array(size).map((_, i) => i & 0xff)) : null;
      const n = count(size);
      const exp = expectation(data, blobBytes, n);
      const r = await abba(() => sendTrial(nat, data, n, exp), () => sendTrial(sh, data, n, exp));
      results.push({ id, mode: 'standard', n, ...r });
    }
  }
  nat.close();
  sh.close();
}

async function receiveBench(url, results, only) {
  const nat = await open(Native, url);
  const sh = await open(Shim.strict, url);
  for (const kind of ['text', 'binary']) {
    for (const size of [64, 4096, 65536]) {
      const id = `receive ${kind} ${size}`;
      if (only && !id.includes(only)) continue;
      const n = count(size);
      const r = await abba(() => receiveTrial(nat, n, size, kind), () => receiveTrial(sh, n, size, kind));
      results.push({ id, n, ...r });
    }
  }
  nat.close();
  sh.close();
}

/** Strict mode's check on 1 MB strings: the shim's extra cost over the native send (ratio − 1 of time). */
async function strictBench(url, results, only) {
  const nat = await open(Native, url);
  const sh = await open(Shim.strict, url);
  for (const [label, data] of [['ASCII', 'x'.repeat(1 << 20)], ['astral', ASTRAL.repeat(1 << 18)]]) {
    const id = `strict 1 MB ${label} string`;
    if (only && !id.includes(only)) continue;
    const n = Math.max(8, Math.round(24 * SCALE));
    const exp = expectation(data, null, n);
    const r = await abba(() => sendTrial(nat, data, n, exp), () => sendTrial(sh, data, n, exp));
    results.push({ id, mode: 'strict', n, ...r, extraCost: 1 / r.ratio - 1 });
  }
  nat.close();
  sh.close();
}

/** Standard mode, a 30 M-character string with one lone surrogate: shim send vs native send(s.toWellFormed()). */
async function surrogateBench(url, results, only) {
  const id = 'standard 30 M-char string, one lone surrogate';
  if (only && !id.includes(only)) return;
  if (typeof String.prototype.toWellFormed !== 'function') return;
  const half = 'a'.repeat(15e6 * SCALE);
  const data = half + '\ud800' + half;
  const exp = expectation(data.toWellFormed(), null, 1);
  const nat = await open(Native, url);
  const sh = await open(Shim.standard, url);
  const wellFormed = (s) => s.toWellFormed();
  const r = await abba(() => sendTrial(nat, data, 1, exp, wellFormed), () => sendTrial(sh, data, 1, exp));
  results.push({ id, mode: 'standard', n: 1, ...r, timeRatio: 1 / r.ratio });
  nat.close();
  sh.close();
}

/** Heap per open socket, shim minus native (needs --expose-gc). */
async function heapBench(url, results, only) {
  if (only && !'heap per socket'.includes(only)) return;
  if (typeof global.gc !== 'function') return;
  const K = 200;
  async function perSocket(Ctor) {
    global.gc();
    const before = process.memoryUsage().heapUsed;
    const list = await Promise.all(Array.from({ length: K }, () => open(Ctor, url)));
    global.gc();
    const after = process.memoryUsage().heapUsed;
    await Promise.all(list.map((ws) => new Promise((r) => { ws.onclose = r; ws.close(); })));
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

/** 10,000 shim open/close cycles: heap after GC at the start, halfway and the end (flat = no leak). */
async function cyclesBench(url, results, only) {
  if (only && !'10,000 open/close cycles'.includes(only)) return;
  if (typeof global.gc !== 'function') return;
  const total = Math.round(10000 * Math.min(1, SCALE));
  const heap = () => (global.gc(), process.memoryUsage().heapUsed);
  const marks = [heap()];
  for (let done = 0; done < total; done += 50) {
    const batch = await Promise.all(Array.from({ length: 50 }, () => open(Shim.strict, url)));
    await Promise.all(batch.map((ws) => new Promise((r) => { ws.onclose = r; ws.close(); })));
    if (done + 50 === total / 2) marks.push(heap());
  }
  marks.push(heap());
  results.push({ id: `${total} open/close cycles`, heapStart: marks[0], heapMiddle: marks[1], heapEnd: marks[marks.length - 1], growth: marks[marks.length - 1] - marks[0] });
}

(async () => {
  const results = [];
  const only = cfg.only || null;
  const url = cfg.url;
  const parts = cfg.parts || ['send', 'receive', 'strict', 'surrogate', 'heap', 'cycles'];
  const benches = { send: sendBench, receive: receiveBench, strict: strictBench, surrogate: surrogateBench, heap: heapBench, cycles: cyclesBench };
  for (const p of parts) await benches[p](url, results, only);
  const runtime = { node: process.version, undici: process.versions.undici || null, ws: cfg.backend === 'ws' ? require('ws/package.json').version : null };
  process.stdout.write(JSON.stringify({ runtime, backend: cfg.backend, results }) + '\n');
  process.exit(0);
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
