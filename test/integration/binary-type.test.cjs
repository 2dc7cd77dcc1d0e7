// binaryType: SPEC §2 (default 'blob', invalid values ignored, the value at dispatch time
// decides Blob or ArrayBuffer; text is always a string). QUIRKS §9: undici resets an
// invalid value to 'blob'; ws knows 'nodebuffer' and 'fragments'.
'use strict';
const {
  expect, BACKEND, MODES, shim, classFor, startServer, makeTracker, uid, wsUrl, openSocket, Blob, NO_BLOB_REASON,
  EMPTY_MESSAGE_HELD, EMPTY_MESSAGE_REASON, skipBecause
} = require('../support/integration-helpers.cjs');

const tag = (v) => Object.prototype.toString.call(v);

async function bytesOf(data) {
  if (Blob && data instanceof Blob) return Buffer.from(await data.arrayBuffer()).toString('hex');
  expect(tag(data)).to.equal('[object ArrayBuffer]');
  return Buffer.from(data).toString('hex');
}

/** Collects the next n message events. */
function messages(ws, n) {
  const got = [];
  return new Promise((resolve) => {
    ws.addEventListener('message', function l(ev) {
      got.push(ev);
      if (got.length === n) {
        ws.removeEventListener('message', l);
        resolve(got);
      }
    });
  });
}

describe(`binaryType [${BACKEND}]`, function () {
  this.timeout(5000);
  let server;
  const tracker = makeTracker();
  before(async () => {
    server = await startServer();
  });
  afterEach(() => tracker.cleanup());
  after(() => server.close());

  for (const mode of MODES) {
    describe(`${mode} mode`, () => {
      const WS = () => classFor(mode);

      it("defaults to 'blob'; only 'blob' and 'arraybuffer' are accepted, anything else is ignored without throwing", () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('bt')));
        expect(ws.binaryType).to.equal('blob');
        ws.binaryType = 'arraybuffer';
        expect(ws.binaryType).to.equal('arraybuffer');
        for (const bad of ['nodebuffer', 'fragments', 'ARRAYBUFFER', 'Blob', '', null, undefined, 0, {}]) {
          expect(() => {
            ws.binaryType = bad;
          }).to.not.throw();
          expect(ws.binaryType, `after setting ${String(bad)}`).to.equal('arraybuffer');
        }
        ws.binaryType = { toString: () => 'blob' }; // enum conversion uses ToString
        expect(ws.binaryType).to.equal('blob');
        ws.binaryType = 'bogus';
        expect(ws.binaryType).to.equal('blob');
        expect(() => {
          ws.binaryType = Symbol('x');
        }).to.throw(TypeError);
        expect(ws.binaryType).to.equal('blob');
      });

      it("binary messages arrive as Blob by default, with the exact bytes", async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        if (EMPTY_MESSAGE_HELD) skipBecause(this, EMPTY_MESSAGE_REASON);
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('bt-blob')));
        const got = messages(ws, 2);
        ws.send(new Uint8Array([0, 1, 0xfe, 0xff]));
        ws.send(new ArrayBuffer(0));
        const [a, b] = await got;
        expect(a.data).to.be.an.instanceof(Blob);
        expect(a.data.size).to.equal(4);
        expect(await bytesOf(a.data)).to.equal('0001feff');
        expect(b.data).to.be.an.instanceof(Blob);
        expect(b.data.size).to.equal(0);
      });

      if (!Blob) {
        // SPEC §2 / README: without a Blob class anywhere, 'blob' falls back to ArrayBuffer, and detect() says so.
        it("no Blob class on this runtime: with 'blob', binary messages arrive as ArrayBuffer (the documented fallback)", async () => {
          const ws = await openSocket(tracker, WS(), wsUrl(server, uid('bt-noblob')));
          expect(ws.binaryType).to.equal('blob');
          const got = messages(ws, 2);
          ws.send(new Uint8Array([0, 1, 0xfe, 0xff]));
          ws.send(new ArrayBuffer(0));
          const [a, b] = await got;
          expect(tag(a.data)).to.equal('[object ArrayBuffer]');
          expect(await bytesOf(a.data)).to.equal('0001feff');
          expect(tag(b.data)).to.equal('[object ArrayBuffer]');
          expect(b.data.byteLength).to.equal(0);
          const unsupported = shim.detect().unsupported;
          expect(unsupported.some((u) => /^blobMessages\b/.test(u))).to.equal(true);
        });
      }

      if (EMPTY_MESSAGE_HELD) {
        it('this engine holds empty messages: detect() says so (quirk and unsupported)', () => {
          const d = shim.detect();
          expect(d.backend).to.equal('node-builtin');
          expect(d.quirks).to.include('undiciEmptyMessageHeldUntilNextFrame');
          expect(d.unsupported.some((u) => /^emptyMessagePrompt\b/.test(u))).to.equal(true);
        });
      }

      it("binary messages arrive as ArrayBuffer with 'arraybuffer' (not a Buffer or a view)", async function () {
        if (EMPTY_MESSAGE_HELD) skipBecause(this, EMPTY_MESSAGE_REASON);
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('bt-ab')));
        ws.binaryType = 'arraybuffer';
        const got = messages(ws, 2);
        ws.send(new Uint8Array([9, 8, 7]));
        // An empty Blob; where the runtime has no Blob class (SPEC §2), an empty ArrayBuffer.
        ws.send(Blob ? new Blob([]) : new ArrayBuffer(0));
        const [a, b] = await got;
        expect(tag(a.data)).to.equal('[object ArrayBuffer]');
        expect(a.data).to.be.an.instanceof(ArrayBuffer);
        expect(Buffer.isBuffer(a.data)).to.equal(false);
        expect(a.data.byteLength).to.equal(3);
        expect(await bytesOf(a.data)).to.equal('090807');
        expect(tag(b.data)).to.equal('[object ArrayBuffer]');
        expect(b.data.byteLength).to.equal(0);
      });

      it('the value at dispatch time decides, switching between messages', async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('bt-switch')));
        const kinds = [];
        const datas = [];
        const all = new Promise((resolve) => {
          ws.addEventListener('message', (ev) => {
            kinds.push(ev.data instanceof Blob ? 'blob' : tag(ev.data));
            datas.push(ev.data);
            // Switch inside the listener: the next (maybe already received) message follows the new value.
            ws.binaryType = ws.binaryType === 'blob' ? 'arraybuffer' : 'blob';
            if (kinds.length === 4) resolve();
          });
        });
        // All sent at once, so the echoes typically arrive together.
        ws.send(new Uint8Array([1]));
        ws.send(new Uint8Array([2]));
        ws.send(new Uint8Array([3]));
        ws.send(new Uint8Array([4]));
        await all;
        expect(kinds).to.deep.equal(['blob', '[object ArrayBuffer]', 'blob', '[object ArrayBuffer]']);
        const hex = [];
        for (const d of datas) hex.push(await bytesOf(d));
        expect(hex).to.deep.equal(['01', '02', '03', '04']);
      });

      it('text messages are always strings, whatever binaryType is', async function () {
        if (EMPTY_MESSAGE_HELD) skipBecause(this, EMPTY_MESSAGE_REASON);
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('bt-text')));
        const got = messages(ws, 3);
        ws.send('blob-mode \u{1F600}');
        ws.binaryType = 'arraybuffer';
        ws.send('ab-mode \u00e9');
        ws.send('');
        const evs = await got;
        expect(evs.map((e) => e.data)).to.deep.equal(['blob-mode \u{1F600}', 'ab-mode \u00e9', '']);
        for (const e of evs) expect(typeof e.data).to.equal('string');
      });

      it('text and binary keep their order when a Blob is delivered', async function () {
        if (!Blob) skipBecause(this, NO_BLOB_REASON);
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('bt-order')));
        const got = messages(ws, 3);
        ws.send(new Uint8Array([0xaa]));
        ws.send('between');
        ws.send(new Uint8Array([0xbb]));
        const [a, b, c] = await got;
        expect(a.data).to.be.an.instanceof(Blob);
        expect(b.data).to.equal('between');
        expect(c.data).to.be.an.instanceof(Blob);
        expect(await bytesOf(a.data)).to.equal('aa');
        expect(await bytesOf(c.data)).to.equal('bb');
      });
    });
  }
});
