// State after close(): SPEC §2 send() in CLOSING/CLOSED, bufferedAmount, close() validation
// first then no-op; QUIRKS §9 (undici's bufferedAmount does not grow after close).
'use strict';
const {
  expect, BACKEND, MODES, classFor, startServer, makeTracker, uid, wsUrl, openSocket, closed, delay,
  expectDOMException, expectTypeError, recordEvents, frames, Blob
} = require('../support/integration-helpers.cjs');

describe(`after close() [${BACKEND}]`, function () {
  this.timeout(5000);
  let server;
  const tracker = makeTracker();
  before(async () => {
    server = await startServer();
  });
  afterEach(() => tracker.cleanup());
  after(() => server.close());

  /**
   * Sends each value and asserts bufferedAmount grew by exactly its byte size; returns the
   * total. Blobs only where the runtime has a Blob class (SPEC §2; not on Node 10–14.17).
   */
  function sendsCounted(ws, mode) {
    const cases = [
      ['h\u00e9llo', 6],
      ['\u{1F600}', 4],
      ['', 0],
      [123, 3],
      [null, 4],
      [undefined, 9],
      [{ toString: () => '\u20ac' }, 3],
      [new ArrayBuffer(3), 3],
      [new Uint8Array(10), 10],
      [new Uint32Array(new ArrayBuffer(64), 8, 4), 16],
      [new DataView(new ArrayBuffer(12), 2, 5), 5]
    ];
    if (Blob) cases.push([new Blob(['abc', new Uint8Array(4)]), 7], [new Blob([]), 0]);
    if (mode === 'standard') cases.push(['a\ud800', 4]); // U+FFFD is 3 bytes
    let total = 0;
    for (const [data, size] of cases) {
      const before = ws.bufferedAmount;
      expect(ws.send(data)).to.equal(undefined);
      expect(ws.bufferedAmount - before, `bufferedAmount growth for ${String(data)}`).to.equal(size);
      total += size;
    }
    if (mode === 'strict') {
      // SPEC §3: the surrogate check still applies; nothing is counted.
      const before = ws.bufferedAmount;
      expectDOMException(() => ws.send('a\ud800'), 'SyntaxError', 12);
      expect(ws.bufferedAmount).to.equal(before);
    }
    // IDL conversion failures are still TypeErrors.
    expectTypeError(() => ws.send());
    return total;
  }

  for (const mode of MODES) {
    describe(`${mode} mode`, () => {
      const WS = () => classFor(mode);

      it('send() in CLOSING does not throw, grows bufferedAmount by the payload size and sends nothing', async () => {
        const id = uid('ac-closing');
        const ws = await openSocket(tracker, WS(), wsUrl(server, id, 'echo=0'));
        const done = closed(ws);
        ws.close(1000);
        expect(ws.readyState).to.equal(2);
        sendsCounted(ws, mode);
        await done;
        const rec = await server.log(id);
        expect(rec.frames).to.deep.equal([]);
        expect(rec.close).to.deep.equal({ code: 1000, reasonHex: '', hadBody: true });
      });

      it('send() in CLOSED does not throw and grows bufferedAmount; it never decreases or resets', async () => {
        const id = uid('ac-closed');
        const ws = await openSocket(tracker, WS(), wsUrl(server, id, 'echo=0'));
        const done = closed(ws);
        ws.close(1000);
        ws.send('abc'); // CLOSING: 3 bytes
        expect(ws.bufferedAmount).to.be.at.least(3);
        await done;
        expect(ws.readyState).to.equal(3);
        expect(ws.bufferedAmount).to.equal(3); // not reset on close, nothing else held
        const counted = sendsCounted(ws, mode);
        const total = ws.bufferedAmount;
        const expected = 3 + 6 + 4 + 0 + 3 + 4 + 9 + 3 + 3 + 10 + 16 + 5 + (Blob ? 7 + 0 : 0) + (mode === 'standard' ? 4 : 0);
        expect(counted).to.equal(expected - 3);
        expect(total).to.equal(expected);
        await delay(100);
        expect(ws.bufferedAmount).to.equal(total);
        expect((await server.log(id)).frames).to.deep.equal([]);
      });

      it('send() after the server closed the connection is counted too', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('ac-srv'), 'close=4000'));
        await closed(ws);
        expect(ws.readyState).to.equal(3);
        const before = ws.bufferedAmount;
        expect(before).to.equal(0);
        ws.send('\u00e9\u00e9');
        // Where the runtime has no Blob class (SPEC §2), an ArrayBuffer of the same size.
        ws.send(Blob ? new Blob(['12345']) : new ArrayBuffer(5));
        expect(ws.bufferedAmount).to.equal(9);
      });

      it('close() again while CLOSING and in CLOSED is a no-op: no throw, no state change, no events', async () => {
        const id = uid('ac-again');
        const ws = await openSocket(tracker, WS(), wsUrl(server, id, 'echo=0'));
        const { seq } = recordEvents(ws, ['open', 'message', 'error', 'close']);
        const done = closed(ws);
        ws.close(4020, 'once');
        expect(ws.close()).to.equal(undefined);
        expect(ws.close(4021)).to.equal(undefined);
        expect(ws.close(1000, 'again')).to.equal(undefined);
        expect(ws.readyState).to.equal(2);
        await done;
        expect(ws.close()).to.equal(undefined);
        expect(ws.close(3000, 'x')).to.equal(undefined);
        expect(ws.readyState).to.equal(3);
        await delay(50);
        expect(seq).to.deep.equal([['close', 3]]);
        expect((await server.log(id)).close).to.deep.equal({ code: 4020, reasonHex: Buffer.from('once').toString('hex'), hadBody: true });
      });

      it('close() with invalid arguments still throws in CLOSING and CLOSED (validation first)', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('ac-validate'), 'echo=0'));
        const done = closed(ws);
        ws.close(1000);
        expectDOMException(() => ws.close(5000), 'InvalidAccessError', 15);
        expectDOMException(() => ws.close(1000, 'x'.repeat(124)), 'SyntaxError', 12);
        await done;
        expect(ws.readyState).to.equal(3);
        expectDOMException(() => ws.close(5000), 'InvalidAccessError', 15);
        expectDOMException(() => ws.close(0), 'InvalidAccessError', 15);
        expectDOMException(() => ws.close(1001, 'x'.repeat(124)), 'InvalidAccessError', 15);
        expectDOMException(() => ws.close(undefined, '\u20ac'.repeat(42)), 'SyntaxError', 12);
        expectTypeError(() => ws.close(Symbol('c')));
        if (mode === 'strict') {
          expectDOMException(() => ws.close(1000, '\ud800'), 'SyntaxError', 12);
        } else {
          expect(ws.close(1000, '\ud800')).to.equal(undefined);
        }
        expect(ws.readyState).to.equal(3);
      });

      it('close(5000) while CONNECTING throws and changes nothing: the socket still opens', async () => {
        const id = uid('ac-connecting');
        const ws = tracker.make(WS(), wsUrl(server, id, 'echo=0'));
        const { seq } = recordEvents(ws);
        expectDOMException(() => ws.close(5000), 'InvalidAccessError', 15);
        expectDOMException(() => ws.close(1000, '\u20ac'.repeat(42)), 'SyntaxError', 12);
        expect(ws.readyState).to.equal(0);
        await new Promise((resolve) => ws.addEventListener('open', resolve));
        ws.send('still fine');
        const done = closed(ws);
        ws.close(4030);
        await done;
        expect(seq).to.deep.equal([['open', 1], ['close', 3]]);
        const rec = await server.log(id);
        expect(frames(rec)).to.deep.equal([['text', Buffer.from('still fine').toString('hex')]]);
        expect(rec.close.code).to.equal(4030);
      });
    });
  }
});
