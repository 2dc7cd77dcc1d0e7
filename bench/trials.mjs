// The benchmark trials shared by the Node client (bench/client.mjs) and the browser page
// (bench/page.mjs): the same payloads, the same checks, the same A B B A pairing. Host
// facilities are injected: `now()` in ms, `sha1(Uint8Array[]) → Promise<hex>`, `Blob`.
//
// Every figure compares the shim against the same native engine in the same run: trials in
// A B B A pairs (A = native, B = shim), each pair's ratio = shim throughput / native throughput
// (1.00 = as fast as the native), then the median of the pairs' ratios and their spread. Every
// send trial ends with the server's count, byte total and SHA-1 of what it received, checked
// against what was sent: a shim that drops or reorders data fails the run instead of looking fast.
export const CTRL = '\u0000';
export const ASTRAL = '\ud83d\ude00'; // 4 UTF-8 bytes

export function median(list) {
  const s = list.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const pattern = (n) => {
  const u = new Uint8Array(n);
  for (let i = 0; i < n; i++) u[i] = i & 0xff;
  return u;
};

/** Payload kinds: make(bytes) → the value passed to send(). */
export const KINDS = {
  'string ASCII': (n) => 'x'.repeat(n),
  'string astral': (n) => ASTRAL.repeat(n / 4),
  ArrayBuffer: (n) => pattern(n).buffer,
  Uint8Array: (n) => pattern(n),
  Blob: (n, host) => new host.Blob([pattern(n)])
};
export const SIZES = [64, 4096, 65536];

/** The bytes one send puts on the wire. */
export function wireBytes(kind, n, data) {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  return pattern(n);
}

/**
 * How many messages a trial moves: `bytes` × scale of payload, between 50 and `cap` messages.
 * A trial must last long enough (tens of ms) for its ratio to mean something; the host sets the
 * budget (`budget: { send, receive, cap }`): Node moves 1–2 M messages/s, Chromium ~20 k.
 */
export const DEFAULT_BUDGET = { send: 2e6, receive: 2e6, cap: 5000 };
export const countFor = (size, scale, bytes = DEFAULT_BUDGET.send, cap = DEFAULT_BUDGET.cap) =>
  Math.max(50, Math.min(cap, Math.round((bytes * scale) / size)));

export function open(Ctor, url) {
  return new Promise((resolve, reject) => {
    const ws = new Ctor(url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error('cannot connect to ' + url));
  });
}

/** The next control message (a string starting with \0) on ws; other messages go to onData. */
export function control(ws, onData) {
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

/** The server's expected record for n copies of `one` (bytes). */
export async function expectation(host, one, n) {
  return { count: n, bytes: one.length * n, sha1: await host.sha1(Array.from({ length: n }, () => one)) };
}

/**
 * One send trial: n sends, then END; resolves with messages/s after checking the server's record.
 * `prepare` (optional) runs inside the timed loop on the data before each send.
 */
export async function sendTrial(host, ws, data, n, expect, prepare) {
  const reply = control(ws);
  const t0 = host.now();
  if (prepare) for (let i = 0; i < n; i++) ws.send(prepare(data));
  else for (let i = 0; i < n; i++) ws.send(data);
  ws.send(CTRL + 'END');
  const got = JSON.parse(await reply);
  const ms = host.now() - t0;
  if (got.count !== expect.count || got.bytes !== expect.bytes || got.sha1 !== expect.sha1) {
    throw new Error(`the server received ${JSON.stringify(got)}, expected ${JSON.stringify(expect)}`);
  }
  return (n / ms) * 1000;
}

/** One receive trial: the server sends n messages; resolves with message events/s after checking them. */
export async function receiveTrial(host, ws, n, size, kind) {
  let count = 0;
  let units = 0;
  const done = control(ws, (d) => {
    count++;
    units += typeof d === 'string' ? d.length : d.byteLength;
  });
  const t0 = host.now();
  ws.send(CTRL + `GO ${n} ${size} ${kind}`);
  const tail = await done;
  const ms = host.now() - t0;
  if (count !== n || units !== n * size) throw new Error(`received ${count} messages / ${units} units, expected ${n} / ${n * size}`);
  if (!tail.startsWith('DONE ')) throw new Error('unexpected control message ' + tail);
  return (n / ms) * 1000;
}

/** A B B A pairs (after one warm-up of each): medians of each side, the ratio's median and spread. */
export async function abba(pairs, trialA, trialB) {
  await trialA();
  await trialB();
  const ratios = [];
  const a = [];
  const b = [];
  for (let p = 0; p < pairs; p++) {
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

/** Send throughput for every kind and size (standard mode: the USVString conversion runs). */
export async function sendBench(host, Native, Shim, url, { pairs, scale, only, budget = DEFAULT_BUDGET }, results) {
  const nat = await open(Native, url);
  const sh = await open(Shim.standard, url);
  for (const kind of Object.keys(KINDS)) {
    if (kind === 'Blob' && typeof host.Blob !== 'function') continue;
    for (const size of SIZES) {
      const id = `send ${kind} ${size}`;
      if (only && !id.includes(only)) continue;
      const data = KINDS[kind](size, host);
      const n = countFor(size, scale, budget.send, budget.cap);
      const exp = await expectation(host, wireBytes(kind, size, data), n);
      const r = await abba(pairs, () => sendTrial(host, nat, data, n, exp), () => sendTrial(host, sh, data, n, exp));
      results.push({ id, mode: 'standard', n, ...r });
    }
  }
  nat.close();
  sh.close();
}

/** Receive throughput, text and binary ('arraybuffer' on both sides). */
export async function receiveBench(host, Native, Shim, url, { pairs, scale, only, budget = DEFAULT_BUDGET }, results) {
  const nat = await open(Native, url);
  const sh = await open(Shim.strict, url);
  for (const kind of ['text', 'binary']) {
    for (const size of SIZES) {
      const id = `receive ${kind} ${size}`;
      if (only && !id.includes(only)) continue;
      const n = countFor(size, scale, budget.receive, budget.cap);
      const r = await abba(pairs, () => receiveTrial(host, nat, n, size, kind), () => receiveTrial(host, sh, n, size, kind));
      results.push({ id, n, ...r });
    }
  }
  nat.close();
  sh.close();
}

/**
 * The noise floor of this machine: the native engine against itself (two native sockets, the same
 * A B B A pairs, the same counts) for a small send and a small receive. A shim ratio inside this
 * row's spread is not told apart from 1.00 by this run.
 */
export async function controlBench(host, Native, url, { pairs, scale, only, budget = DEFAULT_BUDGET }, results) {
  const a = await open(Native, url);
  const b = await open(Native, url);
  const send = 'control: native ÷ native, send ArrayBuffer 64';
  if (!only || send.includes(only)) {
    const data = KINDS.ArrayBuffer(64, host);
    const n = countFor(64, scale, budget.send, budget.cap);
    const exp = await expectation(host, wireBytes('ArrayBuffer', 64, data), n);
    results.push({ id: send, n, ...(await abba(pairs, () => sendTrial(host, a, data, n, exp), () => sendTrial(host, b, data, n, exp))) });
  }
  const receive = 'control: native ÷ native, receive text 64';
  if (!only || receive.includes(only)) {
    const n = countFor(64, scale, budget.receive, budget.cap);
    results.push({ id: receive, n, ...(await abba(pairs, () => receiveTrial(host, a, n, 64, 'text'), () => receiveTrial(host, b, n, 64, 'text'))) });
  }
  a.close();
  b.close();
}

/** Strict mode's check on 1 MB strings: the shim's extra cost over the native send. */
export async function strictBench(host, Native, Shim, url, { pairs, scale, only }, results) {
  const nat = await open(Native, url);
  const sh = await open(Shim.strict, url);
  for (const [label, data] of [['ASCII', 'x'.repeat(1 << 20)], ['astral', ASTRAL.repeat(1 << 18)]]) {
    const id = `strict 1 MB ${label} string`;
    if (only && !id.includes(only)) continue;
    const n = Math.max(8, Math.round(24 * scale));
    const exp = await expectation(host, new TextEncoder().encode(data), n);
    const r = await abba(pairs, () => sendTrial(host, nat, data, n, exp), () => sendTrial(host, sh, data, n, exp));
    results.push({ id, mode: 'strict', n, ...r, extraCost: 1 / r.ratio - 1 });
  }
  nat.close();
  sh.close();
}

/** Standard mode, a 30 M-character string with one lone surrogate: shim send vs native send(s.toWellFormed()). */
export async function surrogateBench(host, Native, Shim, url, { pairs, scale, only }, results) {
  const id = 'standard 30 M-char string, one lone surrogate';
  if (only && !id.includes(only)) return;
  if (typeof String.prototype.toWellFormed !== 'function') return;
  const half = 'a'.repeat(Math.round(15e6 * scale));
  const data = half + '\ud800' + half;
  const exp = await expectation(host, new TextEncoder().encode(data.toWellFormed()), 1);
  const nat = await open(Native, url);
  const sh = await open(Shim.standard, url);
  const wellFormed = (s) => s.toWellFormed();
  const r = await abba(pairs, () => sendTrial(host, nat, data, 1, exp, wellFormed), () => sendTrial(host, sh, data, 1, exp));
  results.push({ id, mode: 'standard', n: 1, ...r, timeRatio: 1 / r.ratio });
  nat.close();
  sh.close();
}
