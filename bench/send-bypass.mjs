// Benchmark: the cost of the shim's send() on the common path (queue empty, nothing to
// convert, so data goes straight to the engine) against the native engine's own send(),
// in the same run. Part 1 measures the shim's own overhead against an engine double (no
// I/O); part 2 measures real engines over 127.0.0.1 (ns per call and shim/native ratio).
//
//   node bench/send-bypass.mjs                          # native = ws
//   node --experimental-websocket bench/send-bypass.mjs  # native = Node's built-in as well
import { createRequire } from 'node:module';
import { startServer } from '../conformance/server.mjs';

const require = createRequire(import.meta.url);
const shim = require('../dist/websocket-shim.node.cjs');
const WS = require('ws');

const N = +(process.env.BENCH_N || 20000);
const ROUNDS = +(process.env.BENCH_ROUNDS || 31);

const payloads = {
  'string 16 B': () => 'abcdefghijklmnop',
  'ArrayBuffer 1 KiB': () => new ArrayBuffer(1024),
  'Uint8Array 1 KiB': () => new Uint8Array(1024),
  'Float64Array view 1 KiB': () => new Float64Array(new ArrayBuffer(2048), 512, 128)
};

function open(Ctor, url) {
  return new Promise((resolve, reject) => {
    const ws = new Ctor(url);
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error('cannot connect'));
  });
}

function waitDrained(ws) {
  return new Promise((resolve) => {
    const tick = () => (ws.bufferedAmount === 0 ? resolve() : setTimeout(tick, 5));
    tick();
  });
}

/** ns per call of one batch of N sends, once the socket has drained. */
async function batch(ws, data) {
  await waitDrained(ws);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) ws.send(data);
  return Number(process.hrtime.bigint() - t0) / N;
}

function median(list) {
  const s = list.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Native and shim batches interleaved, the order flipped every round (neither side always goes
 * first: warm-up, GC and socket-buffer drift fall on both), then the median of each side. One
 * batch is noisy (a 16 B string costs 0.5–2.5 µs on ws from one batch to the next: its Buffer
 * allocations and GC); the median of many interleaved batches is not.
 */
async function compare(nativeWs, shimWs, make) {
  const data = make();
  const a = [];
  const b = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      a.push(await batch(nativeWs, data));
      b.push(await batch(shimWs, data));
    } else {
      b.push(await batch(shimWs, data));
      a.push(await batch(nativeWs, data));
    }
  }
  await waitDrained(nativeWs);
  await waitDrained(shimWs);
  return [median(a), median(b)];
}

// Part 1: the shim's own cost, without I/O: a W3C-style engine double whose send() does
// nothing, called directly vs through the shim. This isolates the bypass path's overhead.
function NullEngine() {
  this.readyState = 0;
  this.bufferedAmount = 0;
  setTimeout(() => {
    this.readyState = 1;
    this.onopen && this.onopen({});
  }, 0);
}
NullEngine.prototype.send = function () {};
NullEngine.prototype.close = function () {};
NullEngine.prototype.addEventListener = function (type, fn) {
  this['on' + type] = fn;
};
{
  const M = 200000;
  const engine = new NullEngine();
  const NullShim = shim.createWebSocketClass({ native: NullEngine });
  const shimmed = await open(NullShim, 'ws://127.0.0.1:8/');
  await new Promise((r) => setTimeout(r, 5));
  // In Node a W3C-style double gets the built-in's backend: views other than Uint8Array are
  // handed over as a Uint8Array of their bytes (Node 21 sends them wrongly), the rest as they are.
  const backendName = NullShim.__websocketShim.backend().name;
  console.log(`send() overhead without I/O: best of ${ROUNDS} rounds of ${M} calls to an engine double (backend '${backendName}'), Node ${process.version}`);
  console.log('payload                    engine ns/call   shim ns/call   shim - engine');
  for (const [label, make] of Object.entries(payloads)) {
    const data = make();
    let a = Infinity;
    let b = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      let t0 = process.hrtime.bigint();
      for (let i = 0; i < M; i++) engine.send(data);
      a = Math.min(a, Number(process.hrtime.bigint() - t0) / M);
      t0 = process.hrtime.bigint();
      for (let i = 0; i < M; i++) shimmed.send(data);
      b = Math.min(b, Number(process.hrtime.bigint() - t0) / M);
    }
    console.log(`${label.padEnd(26)} ${a.toFixed(1).padStart(14)} ${b.toFixed(1).padStart(14)} ${(b - a).toFixed(1).padStart(15)}`);
  }
  console.log();
}

// Part 2: real engines on 127.0.0.1, native and shim alternating on two connections.
const server = await startServer();
const url = server.url + '/bench?echo=0';
const natives = [['ws', WS]];
if (typeof globalThis.WebSocket === 'function') natives.push(['built-in', globalThis.WebSocket]);

console.log(`send() on the common path: median of ${ROUNDS} interleaved batches of ${N} calls each, Node ${process.version}`);
console.log('native    payload                    native ns/call   shim ns/call   shim/native');
for (const [name, Native] of natives) {
  const Shim = shim.createWebSocketClass({ native: Native });
  const nativeWs = await open(Native, url);
  const shimWs = await open(Shim, url);
  for (const [label, make] of Object.entries(payloads)) {
    const [nat, b] = await compare(nativeWs, shimWs, make);
    console.log(
      `${name.padEnd(9)} ${label.padEnd(26)} ${nat.toFixed(0).padStart(14)} ${b.toFixed(0).padStart(14)} ${(b / nat).toFixed(2).padStart(13)}`
    );
  }
  nativeWs.close();
  shimWs.close();
}
await server.close();
process.exit(0);
