// Client-side events: order, readyState inside each listener, event fields. SPEC §2
// "Events", close() while CONNECTING, inbound close codes; QUIRKS §9 (undici fires close()
// events synchronously, loses 'close' on refused connections, no 'error' on a drop).
'use strict';
const {
  expect, BACKEND, MODES, shim, classFor, startServer, makeTracker, uid, wsUrl, openSocket, opened, closed, delay,
  recordEvents, refusedPort, Event, Blob, EMPTY_MESSAGE_HELD, EMPTY_MESSAGE_REASON, skipBecause,
  UNREQUESTED_PROTOCOL_CRASH, UNREQUESTED_PROTOCOL_REASON
} = require('../support/integration-helpers.cjs');

describe(`events [${BACKEND}]`, function () {
  this.timeout(5000);
  let server;
  const tracker = makeTracker();
  before(async () => {
    server = await startServer();
  });
  afterEach(() => tracker.cleanup());
  after(() => server.close());

  function expectClose(ev, code, reason, wasClean) {
    expect(ev.type).to.equal('close');
    expect(ev).to.be.an.instanceof(shim.CloseEvent);
    expect(ev).to.be.an.instanceof(Event);
    expect({ code: ev.code, reason: ev.reason, wasClean: ev.wasClean }).to.deep.equal({ code, reason, wasClean });
  }

  for (const mode of MODES) {
    describe(`${mode} mode`, () => {
      const WS = () => classFor(mode);

      it('open → message → close, with readyState 1, 1, 3 inside the listeners', async () => {
        const id = uid('ev');
        const ws = tracker.make(WS(), wsUrl(server, id));
        expect(ws.readyState).to.equal(0);
        const { seq, events } = recordEvents(ws);
        ws.addEventListener('open', () => ws.send('ping'));
        ws.addEventListener('message', () => {
          ws.close();
          expect(ws.readyState).to.equal(2);
        });
        await closed(ws);
        await delay(20);
        expect(seq).to.deep.equal([['open', 1], ['message', 1], ['close', 3]]);
        expect(events[1].data).to.equal('ping');
        // The server echoes the client's close frame: 1000 in strict mode, no body (1005) in standard.
        expectClose(events[2], mode === 'strict' ? 1000 : 1005, '', true);
        expect(ws.readyState).to.equal(3);
      });

      it('close(4005, reason) from the client: the close event reports the echoed code and reason', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('ev')));
        const done = closed(ws);
        ws.close(4005, 'see ya \u20ac');
        expectClose(await done, 4005, 'see ya \u20ac', true);
      });

      it('close() while CONNECTING: readyState 2 at once, then error and close 1006 asynchronously', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('ev-connecting')));
        const { seq, events } = recordEvents(ws);
        expect(ws.readyState).to.equal(0);
        expect(ws.close()).to.equal(undefined);
        expect(ws.readyState).to.equal(2);
        expect(seq).to.deep.equal([]); // nothing fired inside close()
        await Promise.resolve();
        expect(seq).to.deep.equal([]);
        await closed(ws);
        await delay(100); // nothing more comes (no second error, no open)
        expect(seq).to.deep.equal([['error', 3], ['close', 3]]);
        expect(events[0].type).to.equal('error');
        expect(events[0]).to.be.an.instanceof(Event);
        expectClose(events[1], 1006, '', false);
        expect(ws.readyState).to.equal(3);
      });

      it('close(4000, reason) while CONNECTING behaves the same (the code is not used)', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('ev-connecting')));
        const { seq, events } = recordEvents(ws);
        ws.close(4000, 'nope');
        expect(ws.readyState).to.equal(2);
        expect(seq).to.deep.equal([]);
        await closed(ws);
        await delay(50);
        expect(seq).to.deep.equal([['error', 3], ['close', 3]]);
        expectClose(events[1], 1006, '', false);
      });

      it('connection refused: exactly one error then one close 1006, readyState 3', async () => {
        const port = await refusedPort();
        const ws = tracker.make(WS(), `ws://127.0.0.1:${port}/`);
        const { seq, events } = recordEvents(ws);
        expect(ws.readyState).to.equal(0);
        await closed(ws);
        await delay(100);
        expect(seq).to.deep.equal([['error', 3], ['close', 3]]);
        expectClose(events[1], 1006, '', false);
        expect(ws.readyState).to.equal(3);
      });

      it('server drops the TCP connection after open: error then close 1006', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('ev-drop'), 'drop=1'));
        const { seq, events } = recordEvents(ws);
        await closed(ws);
        await delay(50);
        expect(seq).to.deep.equal([['open', 1], ['error', 3], ['close', 3]]);
        expectClose(events[2], 1006, '', false);
      });

      it('server closes with 4000 and a reason: close event 4000, reason, wasClean true, no error', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('ev-srv'), 'close=4000&reason=' + encodeURIComponent('bye \u00e9')));
        const { seq, events } = recordEvents(ws);
        await closed(ws);
        await delay(50);
        expect(seq).to.deep.equal([['open', 1], ['close', 3]]);
        expectClose(events[1], 4000, 'bye \u00e9', true);
      });

      it('server closes with code 1000 and no reason: reason is ""', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('ev-srv'), 'close=1000'));
        const { seq, events } = recordEvents(ws);
        await closed(ws);
        expect(seq).to.deep.equal([['open', 1], ['close', 3]]);
        expectClose(events[1], 1000, '', true);
      });

      it('server sends a close frame without a body: close event 1005', async () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('ev-empty'), 'closeEmpty=1'));
        const { seq, events } = recordEvents(ws);
        await closed(ws);
        await delay(50);
        expect(seq).to.deep.equal([['open', 1], ['close', 3]]);
        expectClose(events[1], 1005, '', true);
      });

      it('MessageEvent fields: data, origin, lastEventId, source, ports, target', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('ev-msg'), '', '/some/path'));
        const got = new Promise((resolve) => ws.addEventListener('message', (ev) => resolve({ ev, current: ev.currentTarget })));
        ws.send('hello \u{1F600}');
        const { ev, current } = await got;
        expect(ev.type).to.equal('message');
        expect(ev).to.be.an.instanceof(shim.MessageEvent);
        expect(ev).to.be.an.instanceof(Event);
        expect(ev.data).to.equal('hello \u{1F600}');
        expect(ev.origin).to.equal(`ws://127.0.0.1:${server.port}`);
        expect(ev.lastEventId).to.equal('');
        expect(ev.source).to.equal(null);
        expect(Array.isArray(ev.ports)).to.equal(true);
        expect(ev.ports.length).to.equal(0);
        expect(ev.target).to.equal(ws);
        expect(current).to.equal(ws);
        expect(ev.bubbles).to.equal(false);
        expect(ev.cancelable).to.equal(false);
      });

      it('an http: URL is converted to ws: and connects; url and origin use ws:', async () => {
        const id = uid('ev-http');
        const ws = tracker.make(WS(), `${server.httpUrl}/p?id=${id}`);
        expect(ws.url).to.equal(`ws://127.0.0.1:${server.port}/p?id=${id}`);
        await opened(ws);
        const got = new Promise((resolve) => ws.addEventListener('message', resolve));
        ws.send('x');
        expect((await got).origin).to.equal(`ws://127.0.0.1:${server.port}`);
        ws.close(1000);
        const rec = await server.log(id);
        expect(rec.path).to.equal('/p');
      });

      it('protocols: offered in order, protocol is "" until open, then the selected one', async () => {
        const id = uid('ev-proto');
        const ws = tracker.make(WS(), wsUrl(server, id, 'proto=first'), ['chat.v2', 'chat.v1']);
        expect(ws.protocol).to.equal('');
        expect(ws.extensions).to.equal('');
        await opened(ws);
        expect(ws.protocol).to.equal('chat.v2');
        ws.close(1000);
        // One header, a comma-separated list (the separator's whitespace is optional, RFC 7230 #rule).
        expect((await server.log(id)).protocolsOffered.split(/ *, */)).to.deep.equal(['chat.v2', 'chat.v1']);
      });

      // WHATWG "establish a WebSocket connection": protocols asked for and none selected (or one
      // not offered, RFC 6455 §4.1) fails the connection — on every backend, also where the
      // engine itself opens such a socket (ws 7, undici < 7.30). The server must see the
      // connection end: undici 7.30 keeps the socket of a handshake it failed (an open handle).
      async function expectHandshakeFailure(id, query, protocols) {
        const ws = tracker.make(WS(), wsUrl(server, id, query), protocols);
        const { seq, events } = recordEvents(ws);
        await closed(ws);
        await delay(20);
        expect(seq).to.deep.equal([['error', 3], ['close', 3]]);
        expectClose(events[1], 1006, '', false);
        expect(ws.protocol).to.equal('');
        expect(ws.readyState).to.equal(3);
        const rec = await server.log(id);
        expect(rec.ended, 'the server saw the connection end').to.equal(true);
        return rec;
      }

      it('a string protocol means [string]; the server selects none → the connection fails (error, close 1006)', async () => {
        const id = uid('ev-proto-none');
        const rec = await expectHandshakeFailure(id, '', 'only');
        expect(rec.protocolsOffered).to.equal('only');
      });

      it('protocols asked, the server selects none → the connection fails; no open, protocol ""', async () => {
        const rec = await expectHandshakeFailure(uid('ev-proto-none2'), '', ['chat.v2', 'chat.v1']);
        expect(rec.protocolsOffered.split(/ *, */)).to.deep.equal(['chat.v2', 'chat.v1']);
      });

      it('the server selects a protocol that was not offered → the connection fails', async () => {
        await expectHandshakeFailure(uid('ev-proto-other'), 'proto=other', ['chat.v2', 'chat.v1']);
      });

      it('no protocols asked, the server selects one anyway → the connection fails', async function () {
        if (UNREQUESTED_PROTOCOL_CRASH) skipBecause(this, UNREQUESTED_PROTOCOL_REASON);
        const rec = await expectHandshakeFailure(uid('ev-proto-force'), 'proto=force', []);
        expect(rec.protocolsOffered).to.equal(null);
      });

      it('detect() names the undici handshake quirks exactly on the undici versions measured with them', () => {
        const quirks = shim.detect().quirks;
        const m = /^(\d+)\.(\d+)\./.exec(process.versions.undici || '');
        const keepsSocket = BACKEND === 'builtin' && !!m && (+m[1] > 7 || (+m[1] === 7 && +m[2] >= 30));
        expect(quirks.includes('undiciThrowsOnUnrequestedProtocol'), 'undiciThrowsOnUnrequestedProtocol').to.equal(UNREQUESTED_PROTOCOL_CRASH);
        expect(quirks.includes('undiciKeepsSocketAfterFailedHandshake'), 'undiciKeepsSocketAfterFailedHandshake').to.equal(keepsSocket);
      });

      it('no message event is delivered after the client called close()', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('ev-noafter')));
        const { seq } = recordEvents(ws, ['message', 'close', 'error']);
        ws.send('a');
        ws.send('b');
        ws.send(new Uint8Array([1]));
        ws.close(1000);
        // The echoes arrive while CLOSING.
        await closed(ws);
        await delay(20);
        expect(seq).to.deep.equal([['close', 3]]);
      });

      it('close() inside a message listener stops later already-received messages', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('ev-stop')));
        const { seq, events } = recordEvents(ws, ['message', 'close']);
        let first = true;
        const burst = new Promise((resolve) => {
          ws.addEventListener('message', () => {
            if (first) {
              first = false;
              ws.close(1000);
            }
          });
          ws.addEventListener('close', resolve);
        });
        for (let i = 0; i < 20; i++) ws.send('m' + i);
        await burst;
        await delay(20);
        expect(seq).to.deep.equal([['message', 1], ['close', 3]]);
        expect(events[0].data).to.equal('m0');
      });

      it('messages keep their order and types (text/binary interleaved)', async function () {
        if (EMPTY_MESSAGE_HELD) skipBecause(this, EMPTY_MESSAGE_REASON);
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('ev-order')));
        ws.binaryType = 'arraybuffer';
        const got = [];
        const all = new Promise((resolve) => {
          ws.addEventListener('message', (ev) => {
            got.push(typeof ev.data === 'string' ? ev.data : Buffer.from(ev.data).toString('hex'));
            if (got.length === 5) resolve();
          });
        });
        ws.send('t1');
        ws.send(new Uint8Array([1, 2]));
        // A Blob; where the runtime has no Blob class (SPEC §2), the same byte as a view.
        ws.send(Blob ? new Blob([new Uint8Array([3])]) : new Uint8Array([3]));
        ws.send('t2');
        ws.send(new ArrayBuffer(0));
        await all;
        expect(got).to.deep.equal(['t1', '0102', '03', 't2', '']);
      });
    });
  }
});
