// Binary soak, in the page: a seeded mix of strings, ArrayBuffers, views (typed arrays and
// DataViews into the middle of larger buffers) and Blobs (several parts) sent in a burst, on
// three connections:
//   arraybuffer  binaryType 'arraybuffer': every echo back in order, ArrayBuffer, same bytes
//   blob         binaryType 'blob': every echo back in order, Blob, same bytes
//   close        the burst then close(1000) at once: the server got every frame, in order,
//                before the close frame (SPEC §2: nothing queued is lost)
// and on each connection the server's record (every frame's type and bytes) must equal what
// was sent. Expectations come from the generated data alone.
//   ?count=<n>  messages per connection (default 120)   ?seed=<n> (default 2026)
import { params, page, assertions, wsUrl, fetchLog } from './harness.mjs';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hexOf = (bytes) => Array.from(bytes, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
const enc = new TextEncoder();

function generate(seed, count) {
  const rnd = mulberry32(seed);
  const int = (n) => Math.floor(rnd() * n);
  // Mostly small, some empty, a few past the 16-bit frame length (65535).
  const size = () => {
    const r = rnd();
    return r < 0.08 ? 0 : r < 0.95 ? int(400) : 65536 + int(5000);
  };
  const randomBytes = (n) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = int(256);
    return b;
  };
  const CHARS = ['a', 'Z', '0', ' ', 'é', 'ß', '€', '中', '\u{1F600}', '\u{10348}', '\n', '"'];
  const text = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += CHARS[int(CHARS.length)];
    return s;
  };
  const items = [];
  for (let i = 0; i < count; i++) {
    const kind = ['text', 'arraybuffer', 'uint8', 'int16', 'float64', 'dataview', 'blob'][int(7)];
    let data;
    let bytes;
    if (kind === 'text') {
      data = text(int(4) === 0 ? 0 : size() % 300);
      items.push({ kind, data, type: 'text', hex: hexOf(enc.encode(data)) });
      continue;
    }
    if (kind === 'arraybuffer') {
      bytes = randomBytes(size());
      data = bytes.buffer;
    } else if (kind === 'blob') {
      const parts = [];
      const all = [];
      for (let p = int(4); p >= 0; p--) {
        if (int(2)) {
          const s = text(int(20));
          parts.push(s);
          all.push(...enc.encode(s));
        } else {
          const b = randomBytes(size() % 2000);
          parts.push(b);
          all.push(...b);
        }
      }
      data = new Blob(parts);
      bytes = Uint8Array.from(all);
    } else {
      // A view into the middle of a larger buffer: only the viewed bytes go on the wire.
      const per = kind === 'int16' ? 2 : kind === 'float64' ? 8 : 1;
      const n = Math.floor(size() / per);
      const before = int(3) * per;
      const buf = randomBytes(before + n * per + int(9)).buffer;
      data = kind === 'uint8' ? new Uint8Array(buf, before, n) : kind === 'int16' ? new Int16Array(buf, before, n) : kind === 'float64' ? new Float64Array(buf, before, n) : new DataView(buf, before, n);
      bytes = new Uint8Array(buf, before, n * per);
    }
    items.push({ kind, data, type: 'binary', hex: hexOf(bytes) });
  }
  return items;
}

async function bytesOf(blob) {
  if (typeof blob.arrayBuffer === 'function') return new Uint8Array(await blob.arrayBuffer());
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result));
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(blob);
  });
}

/** What the page received, in the same vocabulary as the expectation. */
async function describe(d, binaryType) {
  if (typeof d === 'string') return { type: 'text', hex: hexOf(enc.encode(d)), cls: 'string' };
  const cls = Object.prototype.toString.call(d).slice(8, -1);
  const bytes = cls === 'Blob' ? await bytesOf(d) : new Uint8Array(d);
  return { type: 'binary', hex: hexOf(bytes), cls, want: binaryType === 'blob' ? 'Blob' : 'ArrayBuffer' };
}

function firstDifference(expected, got) {
  const n = Math.max(expected.length, got.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const g = got[i];
    if (!e || !g || e.type !== g.type || e.hex !== g.hex) {
      const show = (x) => (x ? x.type + ' ' + (x.hex.length > 24 ? x.hex.slice(0, 24) + '… (' + x.hex.length / 2 + ' bytes)' : x.hex) : 'nothing');
      return '#' + i + ': expected ' + show(e) + ', got ' + show(g);
    }
  }
  return null;
}

async function connection(name, items, binaryType, closeAtOnce) {
  const id = 'soak-' + name + '-' + Math.random().toString(36).slice(2);
  const ws = new WebSocket(wsUrl + '/soak?id=' + id + (closeAtOnce ? '&echo=0' : ''));
  if (binaryType) ws.binaryType = binaryType;
  const received = [];
  let done;
  const allEchoed = new Promise((resolve) => (done = resolve));
  ws.onmessage = (e) => {
    received.push(e.data);
    if (received.length === items.length) done();
  };
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(name + ': did not open'));
  });
  for (const it of items) ws.send(it.data);
  let echoes = null;
  if (!closeAtOnce) {
    const timeout = new Promise((resolve) => setTimeout(resolve, 20000, 'timeout'));
    if ((await Promise.race([allEchoed, timeout])) === 'timeout') echoes = 'timeout: ' + received.length + ' of ' + items.length + ' echoes';
    else {
      const got = [];
      let wrongClass = null;
      for (const d of received) {
        const g = await describe(d, binaryType);
        if (g.type === 'binary' && g.cls !== g.want && !wrongClass) wrongClass = 'a binary message arrived as ' + g.cls + ', not ' + g.want;
        got.push(g);
      }
      echoes = wrongClass || firstDifference(items, got) || 'all ' + items.length + ' in order';
    }
  }
  ws.close(1000);
  const rec = await fetchLog(id);
  const frames = rec ? rec.frames : [];
  const wire = firstDifference(items, frames) || 'all ' + items.length + ' in order';
  const close = rec && rec.close ? (rec.close.hadBody ? 'close ' + rec.close.code : 'close without code') : 'no close';
  return { echoes, wire, close };
}

page(async () => {
  const count = +(params.get('count') || 120);
  const seed = +(params.get('seed') || 2026);
  const a = assertions();
  const kinds = {};
  const sets = [0, 1, 2].map((k) => generate(seed + k, count));
  for (const s of sets) for (const it of s) kinds[it.kind] = (kinds[it.kind] || 0) + 1;
  const ab = await connection('arraybuffer', sets[0], 'arraybuffer', false);
  a.add("binaryType 'arraybuffer': echoes", ab.echoes, 'all ' + count + ' in order');
  a.add("binaryType 'arraybuffer': frames on the wire", ab.wire, 'all ' + count + ' in order');
  a.add("binaryType 'arraybuffer': close", ab.close, 'close 1000');
  const blob = await connection('blob', sets[1], 'blob', false);
  a.add("binaryType 'blob': echoes", blob.echoes, 'all ' + count + ' in order');
  a.add("binaryType 'blob': frames on the wire", blob.wire, 'all ' + count + ' in order');
  a.add("binaryType 'blob': close", blob.close, 'close 1000');
  const atOnce = await connection('close', sets[2], null, true);
  a.add('burst then close(1000) at once: frames on the wire', atOnce.wire, 'all ' + count + ' in order');
  a.add('burst then close(1000) at once: close after them', atOnce.close, 'close 1000');
  return { items: a.items, seed, count, kinds };
});
