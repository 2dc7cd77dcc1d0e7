// The binary-data suite (SPEC §2 send / close / binaryType / bufferedAmount, §4; QUIRKS §3,
// §4, §9), written once and run against several engines: the backend under test in Node
// (test/integration/binary-data.test.cjs) and engine doubles of older engines in a `vm` page
// (test/integration/binary-legacy.test.cjs). What is expected comes from the spec and from
// independent references: Node's Buffer (UTF-8, bytes of a view), the generator's own record
// of what it sent, and what a second, plain `ws` server in this process received.
//
//   SOAK_COUNT   messages per soak run (default 10000)
//   SOAK_SEED    the generator's seed (default: a new one each run; printed with the figures
//                and in every failure message)
//
// CommonJS, syntax no newer than Node 10.
'use strict';
const crypto = require('crypto');
const WS = require('ws');
const { expect, delay } = require('./integration-helpers.cjs');

const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);

const SOAK_COUNT = +(process.env.SOAK_COUNT || 10000);
const BASE_SEED = process.env.SOAK_SEED !== undefined && process.env.SOAK_SEED !== ''
  ? (+process.env.SOAK_SEED >>> 0)
  : ((Date.now() ^ (process.pid * 2654435761)) >>> 0);

const TYPED_NAMES = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Float16Array'
];

// ---------------------------------------------------------------------------------------------
// Seeded generator (Marsaglia's xorshift32): the same seed gives the same messages.
function rngFrom(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  const next = function () {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  next.int = function (n) {
    return n <= 0 ? 0 : next() % n;
  };
  next.range = function (lo, hi) {
    return lo + next.int(hi - lo + 1);
  };
  next.pick = function (list) {
    return list[next.int(list.length)];
  };
  return next;
}

function randomBytes(rng, n) {
  const out = Buffer.alloc(n);
  let i = 0;
  for (; i + 4 <= n; i += 4) out.writeUInt32LE(rng(), i);
  for (; i < n; i++) out[i] = rng() & 0xff;
  return out;
}

/** Sizes skewed small: 0 B to 1 MiB. */
function skewedSize(rng) {
  const p = rng.int(1000);
  if (p < 700) return rng.range(0, 64);
  if (p < 900) return rng.range(65, 4096);
  if (p < 980) return rng.range(4097, 32768);
  if (p < 997) return rng.range(32769, 262144);
  return rng.range(262145, 1048576);
}

const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-_=+*/()[]{}<>@#$%&';

/** A string of about `bytes` UTF-8 bytes: ASCII, 2-, 3- and 4-byte (astral) characters, no lone surrogates. */
function unicodeString(rng, bytes) {
  const parts = [];
  let n = 0;
  while (n < bytes) {
    const k = rng.int(8);
    let cp;
    if (k < 3) cp = ASCII.charCodeAt(rng.int(ASCII.length));
    else if (k < 5) cp = rng.range(0x80, 0x7ff);
    else if (k < 7) {
      cp = rng.range(0x800, 0xfffd);
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xe000 + (cp & 0xff);
    } else cp = rng.range(0x10000, 0x10ffff);
    const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (n + len > bytes) cp = 0x61;
    parts.push(String.fromCodePoint(cp));
    n += cp === 0x61 ? 1 : len;
  }
  return parts.join('');
}

function asciiString(rng, n) {
  const parts = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = ASCII[rng.int(ASCII.length)];
  return parts.join('');
}

/**
 * The realm's constructors: `realm` is a global object (Node's, or a vm page's). Values are
 * made in that realm, as page code would make them.
 */
function realmKit(realm, Blob) {
  const typed = TYPED_NAMES.filter((n) => typeof realm[n] === 'function').map((n) => realm[n]);
  return {
    realm: realm,
    Blob: Blob || null,
    typed: typed,
    /** A realm ArrayBuffer holding these bytes. */
    buffer: function (bytes) {
      const u = new realm.Uint8Array(bytes.length);
      u.set(bytes);
      return u.buffer;
    }
  };
}

/**
 * One message: { kind, value, type: 'text'|'binary', bytes: Buffer, blob: bool }.
 * `bytes` is computed from the generator's own material (Buffer), not from the value sent.
 */
function makeMessage(rng, kit, kind, size, opts) {
  const R = kit.realm;
  switch (kind) {
    case 'text-ascii': {
      const s = asciiString(rng, size);
      return { kind: kind, value: s, type: 'text', bytes: Buffer.from(s, 'utf8') };
    }
    case 'text-unicode': {
      const s = unicodeString(rng, size);
      return { kind: kind, value: s, type: 'text', bytes: Buffer.from(s, 'utf8') };
    }
    case 'text-empty':
      return { kind: kind, value: '', type: 'text', bytes: Buffer.alloc(0) };
    case 'arraybuffer': {
      const b = randomBytes(rng, size);
      return { kind: kind, value: kit.buffer(b), type: 'binary', bytes: b };
    }
    case 'typed': {
      const T = rng.pick(kit.typed);
      const n = Math.floor(size / T.BYTES_PER_ELEMENT);
      const b = randomBytes(rng, n * T.BYTES_PER_ELEMENT);
      return { kind: kind + ':' + T.name, value: new T(kit.buffer(b)), type: 'binary', bytes: b };
    }
    case 'view-middle': {
      // A view into the middle of a larger buffer: only the viewed bytes go out.
      const T = rng.pick(kit.typed);
      const el = T.BYTES_PER_ELEMENT;
      const n = Math.floor(size / el);
      const before = rng.range(1, 8) * el;
      const after = rng.range(1, 16);
      const whole = randomBytes(rng, before + n * el + after);
      return {
        kind: kind + ':' + T.name,
        value: new T(kit.buffer(whole), before, n),
        type: 'binary',
        bytes: whole.slice(before, before + n * el)
      };
    }
    case 'dataview': {
      const before = rng.range(0, 9);
      const after = rng.range(0, 9);
      const whole = randomBytes(rng, before + size + after);
      return { kind: kind, value: new R.DataView(kit.buffer(whole), before, size), type: 'binary', bytes: whole.slice(before, before + size) };
    }
    case 'buffer': {
      // A Node Buffer: a Uint8Array, often into Node's shared pool.
      const b = randomBytes(rng, size);
      return { kind: kind, value: Buffer.from(b), type: 'binary', bytes: b };
    }
    case 'blob': {
      // Parts of every kind a Blob takes: strings, buffers, views, another Blob.
      const parts = [];
      const bytes = [];
      let left = size;
      const count = rng.range(1, 3);
      for (let i = 0; i < count; i++) {
        const n = i === count - 1 ? left : rng.int(left + 1);
        left -= n;
        const k = rng.int(4);
        if (k === 0) {
          const s = asciiString(rng, n);
          parts.push(s);
          bytes.push(Buffer.from(s, 'utf8'));
        } else if (k === 1) {
          const b = randomBytes(rng, n);
          parts.push(kit.buffer(b));
          bytes.push(b);
        } else if (k === 2) {
          const b = randomBytes(rng, n);
          parts.push(new R.Uint8Array(kit.buffer(b)));
          bytes.push(b);
        } else {
          const b = randomBytes(rng, n);
          parts.push(new kit.Blob([kit.buffer(b)]));
          bytes.push(b);
        }
      }
      const type = rng.int(3) === 0 ? 'application/octet-stream' : '';
      return { kind: kind, value: new kit.Blob(parts, type ? { type: type } : undefined), type: 'binary', bytes: Buffer.concat(bytes), blob: true };
    }
    case 'blob-empty':
      return { kind: kind, value: new kit.Blob([]), type: 'binary', bytes: Buffer.alloc(0), blob: true };
    case 'number': {
      const v = rng.int(3) === 0 ? rng.int(100000) : (rng() - 2147483648) / (rng.int(1000) + 1);
      // Web IDL ToString of a Number is ECMAScript Number::toString.
      return { kind: kind, value: v, type: 'text', bytes: Buffer.from(String(v), 'utf8') };
    }
    case 'null':
      return { kind: kind, value: null, type: 'text', bytes: Buffer.from('null') };
    case 'undefined':
      return { kind: kind, value: undefined, type: 'text', bytes: Buffer.from('undefined') };
    case 'boolean': {
      const v = rng.int(2) === 0;
      return { kind: kind, value: v, type: 'text', bytes: Buffer.from(v ? 'true' : 'false') };
    }
    case 'object': {
      const s = unicodeString(rng, Math.min(size, 200));
      return { kind: kind, value: { toString: () => s }, type: 'text', bytes: Buffer.from(s, 'utf8') };
    }
    case 'plain-object':
      return { kind: kind, value: {}, type: 'text', bytes: Buffer.from('[object Object]') };
    default:
      throw new Error('unknown kind ' + kind + (opts ? '' : ''));
  }
}

function kindsFor(kit, withBuffer) {
  const w = [
    ['text-ascii', 14], ['text-unicode', 14], ['text-empty', 2], ['arraybuffer', 12], ['typed', 12], ['view-middle', 8],
    ['dataview', 6], ['number', 3], ['null', 1], ['undefined', 1], ['boolean', 1], ['object', 3], ['plain-object', 1]
  ];
  if (kit.Blob) w.push(['blob', 14], ['blob-empty', 2]);
  if (withBuffer) w.push(['buffer', 4]);
  const list = [];
  for (let i = 0; i < w.length; i++) for (let j = 0; j < w[i][1]; j++) list.push(w[i][0]);
  return list;
}

/**
 * `count` messages of random kinds and sizes. The first ones are fixed extremes: a 1 MiB
 * binary message (a Blob where there is one: the rest waits behind its read), then 0-byte ones.
 */
function generate(seed, count, kit, withBuffer) {
  const rng = rngFrom(seed);
  const kinds = kindsFor(kit, withBuffer);
  const out = [];
  let bytes = 0;
  const fixed = [
    [kit.Blob ? 'blob' : 'arraybuffer', 1048576],
    ['text-empty', 0],
    ['arraybuffer', 0],
    [kit.Blob ? 'blob-empty' : 'dataview', 0]
  ];
  for (let i = 0; i < count; i++) {
    // The last one is never empty: undici < 6.16 holds an empty message until the next frame
    // (nodejs/undici#3202; detect() reports it), and the echo soak waits for the last echo.
    const f = fixed[i] || (i === count - 1 ? ['text-ascii', rng.range(1, 64)] : null);
    const m = f ? makeMessage(rng, kit, f[0], f[1]) : makeMessage(rng, kit, rng.pick(kinds), skewedSize(rng));
    bytes += m.bytes.length;
    out.push(m);
  }
  return { messages: out, bytes: bytes, seed: seed };
}

const sha1 = (b) => crypto.createHash('sha1').update(b).digest('hex');

/** Message i of a burst: (i * 37) % 3000 bytes, each i & 0xff. */
function burstBytes(i) {
  return Buffer.alloc((i * 37) % 3000, i & 0xff);
}

// ---------------------------------------------------------------------------------------------
// A second server in this process for the soak: a plain `ws` server on 127.0.0.1 that keeps a
// digest of each frame (type, length, SHA-1) instead of its bytes, and echoes when asked.
function startDigestServer() {
  const records = new Map();
  const waiters = new Map();
  const wss = new WS.Server({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 8 * 1024 * 1024 });
  wss.on('connection', function (socket, req) {
    const q = /[?&]id=([^&]+)/.exec(req.url);
    const id = q ? decodeURIComponent(q[1]) : '';
    const echo = /[?&]echo=1/.test(req.url);
    const burst = /[?&]burst=(\d+)/.exec(req.url);
    const rec = { frames: [], close: null, ended: false };
    records.set(id, rec);
    if (burst) {
      // burst=N: N binary messages (message i: burstBytes(i)), the text 'end', then close 4001 at once.
      for (let i = 0; i < +burst[1]; i++) socket.send(burstBytes(i), { binary: true });
      socket.send('end');
      socket.close(4001, 'burst done');
    }
    socket.on('message', function (data, isBinary) {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      rec.frames.push({ type: isBinary ? 'binary' : 'text', length: buf.length, sha1: sha1(buf) });
      if (echo) socket.send(buf, { binary: isBinary });
    });
    socket.on('error', function () {});
    socket.on('close', function (code, reason) {
      rec.close = { code: code, reason: Buffer.from(reason || '').toString('utf8') };
      rec.ended = true;
      const w = waiters.get(id) || [];
      waiters.delete(id);
      w.forEach((fn) => fn());
    });
  });
  return new Promise(function (resolve) {
    wss.on('listening', function () {
      const port = wss.address().port;
      resolve({
        url: 'ws://127.0.0.1:' + port,
        log: function (id) {
          const rec = records.get(id);
          if (rec && rec.ended) return Promise.resolve(rec);
          return new Promise(function (res) {
            const list = waiters.get(id) || [];
            list.push(function () {
              res(records.get(id));
            });
            waiters.set(id, list);
            setTimeout(function () {
              res(records.get(id) || null);
            }, 30000).unref();
          });
        },
        forget: function (id) {
          records.delete(id);
        },
        close: function () {
          wss.clients.forEach((c) => c.terminate());
          return new Promise((r) => wss.close(() => r()));
        }
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
function waitOpen(ws, ms) {
  return new Promise(function (resolve, reject) {
    if (ws.readyState === 1) return resolve(ws);
    const t = setTimeout(() => reject(new Error('timed out waiting for open')), ms || 5000);
    ws.addEventListener('open', function () {
      clearTimeout(t);
      resolve(ws);
    });
    ws.addEventListener('close', function (ev) {
      clearTimeout(t);
      reject(new Error('closed before open: ' + ev.code));
    });
  });
}

function waitClose(ws, ms) {
  return new Promise(function (resolve, reject) {
    const t = setTimeout(() => reject(new Error('timed out waiting for close')), ms || 10000);
    ws.addEventListener('close', function (ev) {
      clearTimeout(t);
      resolve(ev);
    });
  });
}

function fmtMB(n) {
  return (n / 1048576).toFixed(1) + ' MiB';
}

/**
 * Defines the suite for one engine. `env`:
 *   label, modes            title; the modes to run the per-type tests in
 *   classFor(mode)          the WebSocket class under test
 *   kit                     realmKit(...) of the realm page code runs in (its Blob, or null)
 *   isBlob(v)               a Blob of the page's realm
 *   blobBytes(blob)         Promise<Buffer> of a Blob's bytes
 *   withBuffer              Node Buffers are values page code has
 *   unreadableBlob(bytes)   Promise<Blob whose read fails> or null (a reason to skip)
 *   throwingClass(mode)     a class over an engine that throws on send(ArrayBuffer of 4093 bytes)
 *                           and on close(code, 'engine-throws')
 *   uncaught()              errors the page reported as uncaught so far (array)
 *   detect()                the package's detect() report for this engine
 *   server()                the shared test server (log with hex)
 *   soak, soakCount         run the soaks (default true); fewer messages (capped by SOAK_COUNT)
 *   omitBlobOnly            leave out the tests that need a Blob when kit.Blob is null (else skip)
 *   skip(ctx, reason)       skips a test, saying why
 */
function defineBinarySuite(env) {
  const kit = env.kit;
  let server;
  let digest;
  const sockets = [];

  function track(ws) {
    sockets.push(ws);
    return ws;
  }
  async function open(Ctor, url) {
    return waitOpen(track(new Ctor(url)));
  }
  const u = (() => {
    let n = 0;
    return (p) => p + '-' + process.pid + '-' + ++n + '-' + Date.now().toString(36);
  })();
  const url = (srv, id, extra) => srv.url + '/b?id=' + encodeURIComponent(id) + (extra ? '&' + extra : '');
  const frames = (rec) => rec.frames.map((f) => [f.type, f.hex]);
  const hex = (b) => Buffer.from(b).toString('hex');

  // Tests that need a Blob: skipped where the runtime has none (SPEC §2), left out on a page
  // made without one on purpose (env.omitBlobOnly).
  const itBlob = !kit.Blob && env.omitBlobOnly ? function () {} : it;

  describe('binary data [' + env.label + ']', function () {
    this.timeout(20000);
    before(async function () {
      server = await env.server();
      digest = await startDigestServer();
    });
    afterEach(async function () {
      const waits = [];
      sockets.splice(0).forEach(function (ws) {
        if (ws.readyState === 3) return;
        waits.push(waitClose(ws, 2000).catch(() => null));
        try {
          if (ws.readyState !== 2) ws.close();
        } catch (e) {
          // failing already
        }
      });
      await Promise.all(waits);
    });
    after(async function () {
      if (digest) await digest.close();
      if (server) await server.close();
    });

    for (const mode of env.modes) {
      describe(mode + ' mode', function () {
        it('every data type arrives with its exact bytes and the right frame type, in call order', async function () {
          const WS = env.classFor(mode);
          const id = u('types');
          const ws = await open(WS, url(server, id, 'echo=0'));
          const R = kit.realm;
          const seq = Buffer.alloc(64);
          for (let i = 0; i < 64; i++) seq[i] = (i * 37 + 11) & 0xff;
          const cases = [];
          const add = (label, value, type, bytes) => cases.push({ label: label, value: value, type: type, bytes: bytes });
          add('ASCII string', 'hello', 'text', Buffer.from('hello'));
          add('BMP and astral string', 'a\u00e9\u20ac\u{1F600}\u{10FFFF}', 'text', Buffer.from('61c3a9e282acf09f9880f48fbfbf', 'hex'));
          add('empty string', '', 'text', Buffer.alloc(0));
          add('ArrayBuffer', kit.buffer(seq.slice(0, 13)), 'binary', seq.slice(0, 13));
          add('empty ArrayBuffer', new R.ArrayBuffer(0), 'binary', Buffer.alloc(0));
          kit.typed.forEach(function (T) {
            add(T.name, new T(kit.buffer(seq.slice(0, 48))), 'binary', seq.slice(0, 48));
            const el = T.BYTES_PER_ELEMENT;
            // The middle of a larger buffer: offset 2 elements, 3 elements long.
            add(T.name + ' into the middle', new T(kit.buffer(seq), 2 * el, 3), 'binary', seq.slice(2 * el, 5 * el));
          });
          add('DataView (all)', new R.DataView(kit.buffer(seq.slice(0, 9))), 'binary', seq.slice(0, 9));
          add('DataView into the middle', new R.DataView(kit.buffer(seq), 5, 7), 'binary', seq.slice(5, 12));
          add('empty DataView at the end', new R.DataView(kit.buffer(seq.slice(0, 4)), 4), 'binary', Buffer.alloc(0));
          if (env.withBuffer) add('Node Buffer (a view into the pool)', Buffer.from('pool'), 'binary', Buffer.from('pool'));
          if (kit.Blob) {
            add('Blob of mixed parts', new kit.Blob(['ab', new R.Uint8Array(kit.buffer(seq.slice(0, 3))), new kit.Blob(['\u20ac'])]), 'binary',
              Buffer.concat([Buffer.from('ab'), seq.slice(0, 3), Buffer.from('\u20ac')]));
            add('empty Blob', new kit.Blob([]), 'binary', Buffer.alloc(0));
            add('typed Blob', new kit.Blob(['x'], { type: 'text/plain' }), 'binary', Buffer.from('x'));
          }
          add('number', 12.5, 'text', Buffer.from('12.5'));
          add('-0', -0, 'text', Buffer.from('0'));
          add('null', null, 'text', Buffer.from('null'));
          add('undefined', undefined, 'text', Buffer.from('undefined'));
          add('object with toString', { toString: () => 'obj\u00e9\u{1F600}' }, 'text', Buffer.from('obj\u00e9\u{1F600}'));
          add('plain object', {}, 'text', Buffer.from('[object Object]'));
          add('array', [1, 'a'], 'text', Buffer.from('1,a'));
          add('boolean', false, 'text', Buffer.from('false'));
          const closedEv = waitClose(ws);
          for (const c of cases) expect(ws.send(c.value), c.label).to.equal(undefined);
          ws.close(1000);
          const ev = await closedEv;
          expect(ev.wasClean).to.equal(true);
          const rec = await server.log(id);
          expect(rec.frames.length, 'frames on the wire').to.equal(cases.length);
          const got = frames(rec);
          cases.forEach(function (c, i) {
            expect(got[i], c.label).to.deep.equal([c.type, c.bytes.toString('hex')]);
          });
          expect(rec.close.code).to.equal(1000);
          expect(env.uncaught()).to.deep.equal([]);
        });
      });
    }

    itBlob('data queued behind a Blob is sent as it was at send(), even if the caller reuses the buffer at once', async function () {
      if (!kit.Blob) return env.skip(this, 'no Blob class: nothing makes data wait in the queue');
      const WS = env.classFor('strict');
      const id = u('snapshot');
      const ws = await open(WS, url(server, id, 'echo=0'));
      const R = kit.realm;
      const u8 = new R.Uint8Array([1, 2, 3, 4]);
      const ab = kit.buffer(Buffer.from([5, 6, 7]));
      const big = new R.Float64Array(4);
      big[1] = 1.5;
      const closedEv = waitClose(ws);
      ws.send(new kit.Blob(['B']));
      ws.send(u8);
      u8.fill(0);
      ws.send(ab);
      new R.Uint8Array(ab).fill(9);
      ws.send(new R.DataView(big.buffer, 8, 8));
      big[1] = -2;
      ws.close(1000);
      await closedEv;
      const rec = await server.log(id);
      const f64 = Buffer.alloc(8);
      f64.writeDoubleLE(1.5, 0);
      expect(frames(rec)).to.deep.equal([['binary', '42'], ['binary', '01020304'], ['binary', '050607'], ['binary', f64.toString('hex')]]);
    });

    it('binaryType: default blob, invalid values ignored; echoed binary arrives as the value at dispatch says, text always strings', async function () {
      const WS = env.classFor('strict');
      const ws = await open(WS, url(server, u('bt'), ''));
      expect(ws.binaryType).to.equal('blob');
      const bad = ['nodebuffer', 'fragments', 'Blob', 'ARRAYBUFFER', '', null, undefined, 0];
      for (const v of bad) {
        expect(() => {
          ws.binaryType = v;
        }).to.not.throw();
        expect(ws.binaryType).to.equal('blob');
      }
      const got = [];
      const all = new Promise(function (resolve) {
        ws.addEventListener('message', function (ev) {
          got.push({ data: ev.data, bt: ws.binaryType });
          // Switch inside the listener: the next message (maybe received already) follows the new value.
          ws.binaryType = got.length % 2 ? 'arraybuffer' : 'blob';
          ws.binaryType = 'nodebuffer'; // ignored
          if (got.length === 8) resolve();
        });
      });
      ws.send(kit.buffer(Buffer.from([1])));
      ws.send(kit.buffer(Buffer.from([2, 2])));
      ws.send('text in between \u{1F600}');
      ws.send(kit.buffer(Buffer.from([3])));
      ws.send(new kit.realm.ArrayBuffer(0));
      ws.send(kit.Blob ? new kit.Blob([kit.buffer(Buffer.from([4, 4]))]) : kit.buffer(Buffer.from([4, 4])));
      ws.send('');
      ws.send('last');
      await all;
      const kinds = [];
      const bytes = [];
      for (const g of got) {
        if (typeof g.data === 'string') {
          kinds.push('string');
          bytes.push(g.data);
        } else if (kit.Blob && env.isBlob(g.data)) {
          kinds.push('Blob');
          bytes.push(hex(await env.blobBytes(g.data)));
        } else {
          kinds.push(tagOf(g.data));
          bytes.push(hex(new Uint8Array(g.data)));
        }
      }
      // The listener alternates the value after each message received (text included).
      const B = kit.Blob ? 'Blob' : 'ArrayBuffer';
      expect(kinds).to.deep.equal([B, 'ArrayBuffer', 'string', 'ArrayBuffer', B, 'ArrayBuffer', 'string', 'string']);
      expect(bytes).to.deep.equal(['01', '0202', 'text in between \u{1F600}', '03', '', '0404', '', 'last']);
      expect(env.uncaught()).to.deep.equal([]);
    });

    it('bufferedAmount follows the model: bytes the shim holds + the engine\'s, exact growth after close, never reset', async function () {
      const WS = env.classFor('strict');
      const id = u('ba');
      const ws = await open(WS, url(server, id, 'echo=0'));
      expect(ws.bufferedAmount).to.equal(0);
      const R = kit.realm;
      const sizes = [];
      let held = 0;
      const base = ws.bufferedAmount;
      if (kit.Blob) {
        // A Blob the engine cannot send: the shim holds it, and everything after it, until it is read.
        const steps = [
          [new kit.Blob([Buffer.alloc(1000, 1)]), 1000],
          ['h\u00e9llo \u{1F600}', 11],
          [new R.ArrayBuffer(300000), 300000],
          [new R.Float64Array(new R.ArrayBuffer(80), 8, 3), 24],
          [new R.DataView(new R.ArrayBuffer(10), 1, 2), 2],
          [new kit.Blob([]), 0],
          [1234, 4],
          [new kit.Blob(['xyz']), 3],
          ['', 0]
        ];
        for (const s of steps) {
          ws.send(s[0]);
          held += s[1];
          expect(ws.bufferedAmount, 'after sending ' + tagOf(s[0])).to.equal(base + held);
        }
        sizes.push(held);
      }
      // close(): the queued data still counts; after it, every send() grows it by the payload size.
      const closedEv = waitClose(ws);
      ws.close(1000);
      expect(ws.readyState).to.equal(2);
      const atClose = ws.bufferedAmount;
      expect(atClose).to.equal(base + held);
      let after = 0;
      const late = [['abc', 3], ['\u00e9', 2], [new R.Uint8Array(77), 77], [new R.ArrayBuffer(1048576), 1048576], [null, 4]];
      if (kit.Blob) late.push([new kit.Blob(['12345']), 5]);
      for (const s of late) {
        ws.send(s[0]);
        after += s[1];
        expect(ws.bufferedAmount).to.equal(atClose + after);
      }
      // While the queue drains and the close completes: never below what was counted after close,
      // never negative, never more than everything sent.
      const samples = [];
      const sampler = setInterval(() => samples.push(ws.bufferedAmount), 1);
      const ev = await closedEv;
      clearInterval(sampler);
      expect(ev.wasClean).to.equal(true);
      for (const v of samples) {
        expect(v).to.be.at.least(after);
        expect(v).to.be.at.most(atClose + after + (env.engineFraming ? 14 * 10 : 0));
      }
      // CLOSED: everything queued went on the wire before the close frame; what was sent after
      // close() stays counted, exactly, and keeps growing.
      expect(ws.bufferedAmount).to.equal(after);
      ws.send(new R.ArrayBuffer(6));
      ws.send('\u{1F600}');
      expect(ws.bufferedAmount).to.equal(after + 10);
      await delay(50);
      expect(ws.bufferedAmount).to.equal(after + 10);
      const rec = await server.log(id);
      expect(rec.frames.map((f) => f.length)).to.deep.equal(kit.Blob ? [1000, 11, 300000, 24, 2, 0, 4, 3, 0] : []);
    });

    itBlob('a Blob that cannot be read fails the connection: error, close 1006; nothing after it is sent, nothing is lost from bufferedAmount', async function () {
      const bad = await env.unreadableBlob(Buffer.from('never sent'));
      if (!bad) return env.skip(this, 'no Blob class on this runtime: no Blob to fail');
      const WS = env.classFor('strict');
      const id = u('badblob');
      const ws = await open(WS, url(server, id, 'echo=0'));
      const events = [];
      ['open', 'message', 'error', 'close'].forEach((t) => ws.addEventListener(t, (ev) => events.push([t, ws.readyState, ev.code, ev.wasClean])));
      const closedEv = waitClose(ws);
      ws.send('first');
      ws.send(new kit.Blob(['ok!']));
      const before = ws.bufferedAmount;
      ws.send(bad);
      ws.send('after');
      ws.send(new kit.realm.ArrayBuffer(7));
      expect(ws.bufferedAmount).to.equal(before + bad.size + 5 + 7);
      await closedEv;
      expect(events).to.deep.equal([['error', 3, undefined, undefined], ['close', 3, 1006, false]]);
      expect(ws.readyState).to.equal(3);
      // Never reset: the bytes that never reached the network stay counted; later sends add to them.
      const b = ws.bufferedAmount;
      expect(b).to.be.at.least(bad.size + 5 + 7);
      ws.send('x');
      expect(ws.bufferedAmount).to.equal(b + 1);
      const rec = await server.log(id);
      expect(frames(rec)).to.deep.equal([['text', hex('first')], ['binary', hex('ok!')]]);
      await delay(20);
      expect(env.uncaught()).to.deep.equal([]);
    });

    itBlob('an engine that throws while taking queued data fails the connection (no unhandled rejection, no stuck queue)', async function () {
      if (!kit.Blob) return env.skip(this, 'no Blob class: nothing makes data wait in the queue');
      const WS = env.throwingClass('strict');
      const id = u('throwsend');
      const rejections = [];
      const onRejection = (e) => rejections.push(e);
      process.on('unhandledRejection', onRejection);
      try {
        const ws = await open(WS, url(server, id, 'echo=0'));
        const events = [];
        ['error', 'close'].forEach((t) => ws.addEventListener(t, (ev) => events.push([t, ev.code])));
        const closedEv = waitClose(ws);
        ws.send(new kit.Blob(['queued']));
        ws.send(new kit.realm.ArrayBuffer(4093)); // the engine throws on this one
        ws.send('after');
        await closedEv;
        expect(events).to.deep.equal([['error', undefined], ['close', 1006]]);
        expect(ws.bufferedAmount).to.be.at.least(4093 + 5);
        const rec = await server.log(id);
        expect(frames(rec)).to.deep.equal([['binary', hex('queued')]]);
        await delay(20);
      } finally {
        process.removeListener('unhandledRejection', onRejection);
      }
      expect(rejections).to.deep.equal([]);
      expect(env.uncaught()).to.deep.equal([]);
    });

    itBlob('an engine that throws in the close() waiting behind queued data fails the connection', async function () {
      if (!kit.Blob) return env.skip(this, 'no Blob class: nothing makes data wait in the queue');
      const WS = env.throwingClass('strict');
      const id = u('throwclose');
      const rejections = [];
      const onRejection = (e) => rejections.push(e);
      process.on('unhandledRejection', onRejection);
      try {
        const ws = await open(WS, url(server, id, 'echo=0'));
        const events = [];
        ['error', 'close'].forEach((t) => ws.addEventListener(t, (ev) => events.push([t, ev.code])));
        const closedEv = waitClose(ws);
        ws.send(new kit.Blob(['before close']));
        ws.close(4000, 'engine-throws');
        expect(ws.readyState).to.equal(2);
        await closedEv;
        expect(events).to.deep.equal([['error', undefined], ['close', 1006]]);
        const rec = await server.log(id);
        expect(frames(rec)).to.deep.equal([['binary', hex('before close')]]);
        await delay(20);
      } finally {
        process.removeListener('unhandledRejection', onRejection);
      }
      expect(rejections).to.deep.equal([]);
      expect(env.uncaught()).to.deep.equal([]);
    });

    it('messages received before the server closed are all dispatched, in order and with the type binaryType says, before close', async function () {
      const WS = env.classFor('strict');
      const N = 60;
      const ws = track(new WS(url(digest, u('burst'), 'burst=' + N)));
      ws.binaryType = 'arraybuffer';
      const seen = [];
      const closedEv = new Promise(function (resolve) {
        ws.addEventListener('message', function (ev) {
          seen.push(ev.data);
          // Halfway, switch: the rest (already received by the engine) must follow the new value.
          if (seen.length === N / 2) ws.binaryType = 'blob';
        });
        ws.addEventListener('close', function (ev) {
          seen.push({ close: ev.code, wasClean: ev.wasClean, reason: ev.reason });
          resolve();
        });
      });
      await closedEv;
      expect(seen.length, 'messages and the close event').to.equal(N + 2);
      for (let i = 0; i < N; i++) {
        const d = seen[i];
        let bytes;
        if (i < N / 2 || !kit.Blob) {
          expect(tagOf(d), 'message ' + i).to.equal('ArrayBuffer');
          bytes = Buffer.from(new Uint8Array(d));
        } else {
          expect(env.isBlob(d), 'message ' + i + ' is a Blob').to.equal(true);
          bytes = await env.blobBytes(d);
        }
        expect(bytes.equals(burstBytes(i)), 'bytes of message ' + i).to.equal(true);
      }
      expect(seen[N]).to.equal('end');
      expect(seen[N + 1]).to.deep.equal({ close: 4001, wasClean: true, reason: 'burst done' });
      expect(env.uncaught()).to.deep.equal([]);
    });

    if (env.soak === false) return;
    // Fewer messages for variants whose soak repeats another's path (SOAK_COUNT still caps it).
    const soakCount = env.soakCount ? Math.min(env.soakCount, SOAK_COUNT) : SOAK_COUNT;

    /** Compares what arrived with what was generated; the message names the seed. */
    function checkDigests(rec, plan, what) {
      const tip = ' (' + what + ', seed ' + plan.seed + ': rerun with SOAK_SEED=' + BASE_SEED + ' SOAK_COUNT=' + plan.messages.length + ')';
      expect(rec, 'server record' + tip).to.not.equal(null);
      const f = rec.frames;
      for (let i = 0; i < plan.messages.length; i++) {
        const m = plan.messages[i];
        if (!f[i]) expect.fail('message ' + i + ' (' + m.kind + ', ' + m.bytes.length + ' B) never reached the server' + tip);
        const want = { type: m.type, length: m.bytes.length, sha1: sha1(m.bytes) };
        if (f[i].type !== want.type || f[i].length !== want.length || f[i].sha1 !== want.sha1) {
          expect.fail('message ' + i + ' (' + m.kind + '): server got ' + JSON.stringify(f[i]) + ', sent ' + JSON.stringify(want) + tip);
        }
      }
      expect(f.length, 'frames on the server' + tip).to.equal(plan.messages.length);
    }

    it('SOAK: ' + soakCount + ' messages of random types and sizes (0 B–1 MiB), sent without waiting, echo back in order and byte-exact; binaryType switched at random between messages', async function () {
      this.timeout(180000);
      const seed = BASE_SEED;
      const plan = generate(seed, soakCount, kit, env.withBuffer);
      const tip = ' (seed ' + seed + ': rerun with SOAK_SEED=' + seed + ' SOAK_COUNT=' + soakCount + ')';
      const WS = env.classFor('strict');
      const id = u('soak-echo');
      const ws = await open(WS, url(digest, id, 'echo=1'));
      const pick = rngFrom(seed ^ 0x5bd1e995);
      const got = [];
      let bt = 'blob';
      const t0 = Date.now();
      const done = new Promise(function (resolve, reject) {
        ws.addEventListener('message', function (ev) {
          got.push({ data: ev.data, bt: bt });
          // The model: the value set after message i decides message i + 1.
          const r = pick.int(8);
          if (r < 3) bt = bt === 'blob' ? 'arraybuffer' : 'blob';
          if (r === 7) ws.binaryType = 'nodebuffer'; // ignored
          ws.binaryType = bt;
          if (got.length === plan.messages.length) resolve();
        });
        ws.addEventListener('close', function (ev) {
          reject(new Error('closed after ' + got.length + ' of ' + plan.messages.length + ' echoes: ' + ev.code + tip));
        });
      });
      for (let i = 0; i < plan.messages.length; i++) ws.send(plan.messages[i].value);
      await done;
      const ms = Date.now() - t0;
      for (let i = 0; i < got.length; i++) {
        const m = plan.messages[i];
        const g = got[i];
        const where = 'echo ' + i + ' (' + m.kind + ', ' + m.bytes.length + ' B)' + tip;
        if (m.type === 'text') {
          if (typeof g.data !== 'string') expect.fail(where + ': expected a string, got ' + tagOf(g.data));
          if (!Buffer.from(g.data, 'utf8').equals(m.bytes)) expect.fail(where + ': text differs');
          continue;
        }
        let bytes;
        if (g.bt === 'blob' && kit.Blob) {
          if (!env.isBlob(g.data)) expect.fail(where + ": binaryType was 'blob', got " + tagOf(g.data));
          bytes = await env.blobBytes(g.data);
        } else {
          if (tagOf(g.data) !== 'ArrayBuffer') expect.fail(where + ": binaryType was '" + g.bt + "', got " + tagOf(g.data));
          bytes = Buffer.from(new Uint8Array(g.data));
        }
        if (!bytes.equals(m.bytes)) expect.fail(where + ': bytes differ');
      }
      const closedEv = waitClose(ws);
      ws.close(1000);
      await closedEv;
      checkDigests(await digest.log(id), plan, 'server side of the echo soak');
      digest.forget(id);
      console.log('      soak (echo) [' + env.label + ']: ' + plan.messages.length + ' messages, ' + fmtMB(plan.bytes) + ' each way, SOAK_SEED=' + seed + ', ' + (ms / 1000).toFixed(1) + ' s');
      expect(env.uncaught()).to.deep.equal([]);
    });

    it('SOAK: ' + soakCount + ' messages then close() right after the last send(): the server receives every one, in order and byte-exact, before the close frame', async function () {
      this.timeout(180000);
      const seed = (BASE_SEED + 1) >>> 0;
      const plan = generate(seed, soakCount, kit, env.withBuffer);
      const WS = env.classFor('strict');
      const id = u('soak-close');
      const ws = await open(WS, url(digest, id, ''));
      const closedEv = waitClose(ws, 120000);
      const t0 = Date.now();
      let counted = 0;
      for (let i = 0; i < plan.messages.length; i++) {
        ws.send(plan.messages[i].value);
        counted += plan.messages[i].bytes.length;
      }
      ws.close(4321, 'soak done');
      // The first message is a 1 MiB Blob the engine cannot send: everything is still in the shim.
      if (kit.Blob) expect(ws.bufferedAmount, 'bufferedAmount right after close()').to.be.at.least(counted);
      ws.send('after close');
      const ev = await closedEv;
      const ms = Date.now() - t0;
      expect(ev.wasClean, 'clean close').to.equal(true);
      expect(ev.code).to.equal(4321);
      expect(ws.bufferedAmount).to.equal(11);
      const rec = await digest.log(id);
      checkDigests(rec, plan, 'close soak');
      expect(rec.close).to.deep.equal({ code: 4321, reason: 'soak done' });
      digest.forget(id);
      console.log('      soak (close) [' + env.label + ']: ' + plan.messages.length + ' messages, ' + fmtMB(plan.bytes) + ', SOAK_SEED=' + BASE_SEED + ' (generator seed ' + seed + '), ' + (ms / 1000).toFixed(1) + ' s');
      expect(env.uncaught()).to.deep.equal([]);
    });
  });
}

module.exports = { defineBinarySuite, realmKit, generate, rngFrom, startDigestServer, SOAK_COUNT, BASE_SEED };
