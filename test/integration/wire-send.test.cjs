// What the server receives for send(data), and in which order: SPEC §2 send(), §3 modes,
// QUIRKS §9 (undici loses a Blob sent right before close(); ws sends null as empty binary).
'use strict';
const {
  expect, BACKEND, MODES, classFor, startServer, makeTracker, uid, wsUrl, openSocket, closed, delay,
  expectDOMException, expectTypeError, frames, G, Blob, NO_BLOB_REASON, skipBecause
} = require('../support/integration-helpers.cjs');

/** 0x00, 0x01, … (n bytes) */
function seqBytes(n, start = 0) {
  const u = new Uint8Array(n);
  for (let i = 0; i < n; i++) u[i] = (start + i) & 0xff;
  return u;
}
const hexRange = (from, to) => Buffer.from(seqBytes(to - from, from)).toString('hex');

const TYPED = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array
];
// Every typed array type the runtime has: BigInt64Array/BigUint64Array from Node 10.4, Float16Array from 24.
for (const name of ['BigInt64Array', 'BigUint64Array', 'Float16Array']) if (typeof G[name] === 'function') TYPED.push(G[name]);

describe(`send() on the wire [${BACKEND}]`, function () {
  this.timeout(5000);
  let server;
  const tracker = makeTracker();
  before(async () => {
    server = await startServer();
  });
  afterEach(() => tracker.cleanup());
  after(() => server.close());

  /** Opens (no echo), runs `act(ws)`, closes with 1000 and returns the server's record. */
  async function sent(WS, act) {
    const id = uid('send');
    const ws = await openSocket(tracker, WS, wsUrl(server, id, 'echo=0'));
    const done = closed(ws);
    act(ws);
    ws.close(1000);
    const ev = await done;
    expect(ev.wasClean).to.equal(true);
    return server.log(id);
  }

  for (const mode of MODES) {
    describe(`${mode} mode`, () => {
      const WS = () => classFor(mode);

      it('a string with BMP and astral characters is one text frame of its UTF-8 bytes', async () => {
        const rec = await sent(WS(), (ws) => expect(ws.send('a\u00e9\u20ac\u{1F600}')).to.equal(undefined));
        // a = 61, é = C3 A9, € = E2 82 AC, 😀 = F0 9F 98 80
        expect(frames(rec)).to.deep.equal([['text', '61c3a9e282acf09f9880']]);
      });

      it("'' is an empty text frame", async () => {
        const rec = await sent(WS(), (ws) => ws.send(''));
        expect(rec.frames).to.deep.equal([{ type: 'text', hex: '', length: 0 }]);
      });

      it('an ArrayBuffer is one binary frame of its bytes; an empty one is an empty binary frame', async () => {
        const rec = await sent(WS(), (ws) => {
          ws.send(seqBytes(5, 0xfb).buffer);
          ws.send(new ArrayBuffer(0));
        });
        expect(frames(rec)).to.deep.equal([['binary', 'fbfcfdfeff'], ['binary', '']]);
      });

      it('every typed array type sends exactly its bytes', async () => {
        const rec = await sent(WS(), (ws) => {
          for (const T of TYPED) ws.send(new T(seqBytes(16).buffer));
        });
        expect(frames(rec)).to.deep.equal(TYPED.map(() => ['binary', hexRange(0, 16)]));
      });

      it('views into the middle of a larger buffer send only the viewed bytes', async () => {
        const big = seqBytes(32).buffer;
        const rec = await sent(WS(), (ws) => {
          ws.send(new Uint8Array(big, 3, 5));
          ws.send(new Uint16Array(big, 4, 3));
          ws.send(new Float64Array(big, 8, 2));
          ws.send(new Uint8Array(big).subarray(30));
          ws.send(new Int32Array(big, 12, 0));
        });
        expect(frames(rec)).to.deep.equal([
          ['binary', hexRange(3, 8)],
          ['binary', hexRange(4, 10)],
          ['binary', hexRange(8, 24)],
          ['binary', hexRange(30, 32)],
          ['binary', '']
        ]);
      });

      it('a DataView sends only its bytes', async () => {
        const big = seqBytes(20).buffer;
        const rec = await sent(WS(), (ws) => {
          ws.send(new DataView(big, 2, 5));
          ws.send(new DataView(big));
          ws.send(new DataView(big, 20));
        });
        expect(frames(rec)).to.deep.equal([['binary', hexRange(2, 7)], ['binary', hexRange(0, 20)], ['binary', '']]);
      });

      it("a Node Buffer (a view into Node's pool) sends only its bytes", async () => {
        const b = Buffer.from('hi!');
        expect(b.buffer.byteLength).to.be.greaterThan(3); // really a view into a larger buffer
        const rec = await sent(WS(), (ws) => ws.send(b));
        expect(frames(rec)).to.deep.equal([['binary', '686921']]);
      });

      it('a Blob is one binary frame of its bytes; an empty Blob is an empty binary frame', async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        const rec = await sent(WS(), (ws) => {
          ws.send(new Blob(['ab', seqBytes(3, 0xfe), '\u20ac']));
          ws.send(new Blob([]));
          ws.send(new Blob(['x'], { type: 'text/plain' }));
        });
        expect(frames(rec)).to.deep.equal([['binary', '6162feff00e282ac'], ['binary', ''], ['binary', '78']]);
      });

      it('other values are converted with ToString and sent as text frames', async () => {
        const rec = await sent(WS(), (ws) => {
          ws.send(123);
          ws.send(null);
          ws.send(undefined);
          ws.send({ toString: () => 'obj\u00e9' });
          ws.send(true);
          ws.send(-0.5);
          ws.send([1, 2]);
          ws.send({});
        });
        expect(frames(rec)).to.deep.equal([
          ['text', Buffer.from('123').toString('hex')],
          ['text', Buffer.from('null').toString('hex')],
          ['text', Buffer.from('undefined').toString('hex')],
          ['text', '6f626ac3a9'],
          ['text', Buffer.from('true').toString('hex')],
          ['text', Buffer.from('-0.5').toString('hex')],
          ['text', Buffer.from('1,2').toString('hex')],
          ['text', Buffer.from('[object Object]').toString('hex')]
        ]);
      });

      it('send() without an argument and send(Symbol()) throw TypeError and send nothing', async () => {
        const rec = await sent(WS(), (ws) => {
          expectTypeError(() => ws.send());
          expectTypeError(() => ws.send(Symbol('s')));
          expectTypeError(() => ws.send({ toString: () => Symbol('t') }));
        });
        expect(rec.frames).to.deep.equal([]);
      });

      if (mode === 'strict') {
        it('a string with an unpaired surrogate throws SyntaxError and nothing is sent', async () => {
          const rec = await sent(WS(), (ws) => {
            expectDOMException(() => ws.send('a\ud800'), 'SyntaxError', 12);
            expectDOMException(() => ws.send('\udc00b'), 'SyntaxError', 12);
            expectDOMException(() => ws.send('\udc00\ud800'), 'SyntaxError', 12);
            expectDOMException(() => ws.send({ toString: () => 'x\ud83d' }), 'SyntaxError', 12);
            expect(ws.bufferedAmount).to.equal(0);
            ws.send('ok\u{1F600}');
          });
          expect(frames(rec)).to.deep.equal([['text', '6f6bf09f9880']]);
        });
      } else {
        it('a string with unpaired surrogates is sent with U+FFFD (EF BF BD)', async () => {
          const rec = await sent(WS(), (ws) => {
            ws.send('a\ud800b');
            ws.send('\udc00\ud800');
            ws.send('\ud83d\ude00\ud83d');
          });
          expect(frames(rec)).to.deep.equal([
            ['text', '61efbfbd62'],
            ['text', 'efbfbdefbfbd'],
            ['text', 'f09f9880efbfbd']
          ]);
        });

        it('a string with unpaired surrogates held behind a Blob being read is sent with U+FFFD, in order', async function () {
          if (!Blob) skipBecause(this, NO_BLOB_REASON);
          const rec = await sent(WS(), (ws) => {
            ws.send(new Blob(['x']));
            ws.send('a\ud800');
            ws.send('\udfff\ud83d\ude00');
          });
          expect(frames(rec)).to.deep.equal([
            ['binary', '78'],
            ['text', '61efbfbd'],
            ['text', 'efbfbdf09f9880']
          ]);
        });
      }

      it('a Blob followed at once by strings and buffers: the server receives them in call order', async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        const rec = await sent(WS(), (ws) => {
          ws.send(new Blob([seqBytes(4, 0xa0)]));
          ws.send('one');
          ws.send(seqBytes(2, 0x10));
          ws.send(new Blob(['two']));
          ws.send(new Blob([]));
          ws.send(seqBytes(3, 0x20).buffer);
          ws.send('three');
        });
        expect(frames(rec)).to.deep.equal([
          ['binary', 'a0a1a2a3'],
          ['text', '6f6e65'],
          ['binary', '1011'],
          ['binary', '74776f'],
          ['binary', ''],
          ['binary', '202122'],
          ['text', '7468726565']
        ]);
      });

      it('a large Blob then a string: order and bytes kept', async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        const big = new Uint8Array(256 * 1024);
        for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
        const rec = await sent(WS(), (ws) => {
          ws.send(new Blob([big]));
          ws.send('after');
        });
        expect(rec.frames.map((f) => [f.type, f.length])).to.deep.equal([['binary', big.length], ['text', 5]]);
        expect(rec.frames[0].hex).to.equal(Buffer.from(big).toString('hex'));
      });

      it('a Blob then close() at once: the Blob reaches the server before the close frame', async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        const id = uid('blob-close');
        const ws = await openSocket(tracker, WS(), wsUrl(server, id, 'echo=0'));
        const done = closed(ws);
        ws.send(new Blob([seqBytes(6, 0x40)]));
        ws.close();
        expect(ws.readyState).to.equal(2);
        const ev = await done;
        expect(ev.wasClean).to.equal(true);
        const rec = await server.log(id);
        expect(frames(rec)).to.deep.equal([['binary', '404142434445']]);
        expect(rec.close).to.deep.equal(mode === 'strict'
          ? { code: 1000, reasonHex: '', hadBody: true }
          : { code: 1005, reasonHex: '', hadBody: false });
      });

      it('Blobs, strings and buffers then close(4001, reason): all arrive, then the close', async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        const id = uid('blob-close2');
        const ws = await openSocket(tracker, WS(), wsUrl(server, id, 'echo=0'));
        const done = closed(ws);
        ws.send('s1');
        ws.send(new Blob(['b1']));
        ws.send(seqBytes(1, 9));
        ws.send(new Blob(['b2']));
        ws.send('s2');
        ws.close(4001, 'done');
        // After close(): counted, never sent.
        ws.send('late');
        await done;
        const rec = await server.log(id);
        expect(frames(rec)).to.deep.equal([
          ['text', '7331'],
          ['binary', '6231'],
          ['binary', '09'],
          ['binary', '6232'],
          ['text', '7332']
        ]);
        expect(rec.close).to.deep.equal({ code: 4001, reasonHex: '646f6e65', hadBody: true });
      });

      it('bufferedAmount counts a Blob the shim still holds, right after send()', async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        const id = uid('blob-ba');
        const ws = await openSocket(tracker, WS(), wsUrl(server, id, 'echo=0'));
        expect(ws.bufferedAmount).to.equal(0);
        ws.send(new Blob([seqBytes(10)]));
        expect(ws.bufferedAmount).to.equal(10);
        await delay(100);
        expect(ws.bufferedAmount).to.equal(0);
        const done = closed(ws);
        ws.close(1000);
        await done;
        expect(frames(await server.log(id))).to.deep.equal([['binary', hexRange(0, 10)]]);
      });

      it('send() while CONNECTING throws InvalidStateError and nothing is sent', async () => {
        const id = uid('send-connecting');
        const ws = tracker.make(WS(), wsUrl(server, id, 'echo=0'));
        expect(ws.readyState).to.equal(0);
        expectDOMException(() => ws.send('x'), 'InvalidStateError', 11);
        if (Blob) expectDOMException(() => ws.send(new Blob(['x'])), 'InvalidStateError', 11);
        expectDOMException(() => ws.send(new ArrayBuffer(2)), 'InvalidStateError', 11);
        // IDL conversion comes first: TypeError, not InvalidStateError.
        expectTypeError(() => ws.send());
        if (mode === 'strict') {
          // SPEC §3: the surrogate check comes after the CONNECTING check.
          expectDOMException(() => ws.send('\ud800'), 'InvalidStateError', 11);
        }
        expect(ws.bufferedAmount).to.equal(0);
        await new Promise((resolve) => ws.addEventListener('open', resolve));
        const done = closed(ws);
        ws.close(1000);
        await done;
        expect((await server.log(id)).frames).to.deep.equal([]);
      });
    });
  }
});
