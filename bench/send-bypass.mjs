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
const ROUNDS = +(process.env.BENCH_ROUNDS || 15);

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

async function timeSends(ws, make) {
  const data = make();
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    await waitDrained(ws);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) ws.send(data);
    const dt = Number(process.hrtime.bigint() - t0) / N;
    if (dt < best) best = dt;
  }
  await waitDrained(ws);
  return best;
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
  const shimmed = await open(shim.createWebSocketClass({ native: NullEngine }), 'ws://127.0.0.1:8/');
  await new Promise((r) => setTimeout(r, 5));
  console.log(`send() overhead without I/O: best of ${ROUNDS} rounds of ${M} calls to an engine double, Node ${process.version}`);
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

console.log(`send() on the common path: best of ${ROUNDS} rounds of ${N} calls, Node ${process.version}`);
console.log('native    payload                    native ns/call   shim ns/call   shim/native');
for (const [name, Native] of natives) {
  const Shim = shim.createWebSocketClass({ native: Native });
  const nativeWs = await open(Native, url);
  const shimWs = await open(Shim, url);
  for (const [label, make] of Object.entries(payloads)) {
    // Alternate to share any warm-up, GC or socket-buffer drift between the two.
    const a = await timeSends(nativeWs, make);
    const b1 = await timeSends(shimWs, make);
    const a2 = await timeSends(nativeWs, make);
    const b2 = await timeSends(shimWs, make);
    const nat = Math.min(a, a2);
    const b = Math.min(b1, b2);
    console.log(
      `${name.padEnd(9)} ${label.padEnd(26)} ${nat.toFixed(0).padStart(14)} ${b.toFixed(0).padStart(14)} ${(b / nat).toFixed(2).padStart(13)}`
    );
  }
  nativeWs.close();
  shimWs.close();
}
await server.close();
process.exit(0);
