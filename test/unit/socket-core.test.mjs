// src/socket-core.ts, src/receive-queue.ts, src/interface.ts — the socket's state machine, driven
// through a scripted backend (test/support/fake-backend.mjs): each transition the Standard names
// ("fail the WebSocket connection", "start the WebSocket closing handshake", "the WebSocket
// closing handshake is started", "the WebSocket connection is closed") and the bugs of issue 10
// it pins.
import { expect } from 'chai';
import { load } from './_helpers.mjs';
import { fakeBackend, tick } from '../support/fake-backend.mjs';

const { createWebSocketClass } = load('websocket');
const { SendQueue } = load('send-queue');

function setup(opts = {}, classOpts = {}) {
  const { backend, sockets } = fakeBackend(opts);
  const WS = createWebSocketClass({ mode: 'strict', backend, ...classOpts });
  return { WS, sockets };
}

function recorder(ws) {
  const seq = [];
  for (const type of ['open', 'message', 'error', 'close']) {
    ws.addEventListener(type, (ev) => {
      const row = [type, ws.readyState];
      if (type === 'message') row.push(ev.data);
      if (type === 'close') row.push(ev.code, ev.reason, ev.wasClean);
      seq.push(row);
    });
  }
  return seq;
}

describe('socket-core: the state machine', function () {
  it('open: CONNECTING → OPEN, protocol and extensions from the engine, one open event', function () {
    const { WS, sockets } = setup();
    const ws = new WS('ws://h/', ['chat']);
    const seq = recorder(ws);
    sockets[0].events.open('chat', 'permessage-deflate');
    sockets[0].events.open('x', 'y'); // a second open is no input in OPEN
    expect(seq).to.deep.equal([['open', 1]]);
    expect([ws.protocol, ws.extensions]).to.deep.equal(['chat', 'permessage-deflate']);
  });

  for (const [requested, selected] of [[['chat'], ''], [['chat'], 'other'], [[], 'chat']]) {
    it(`establish: ${JSON.stringify(requested)} asked, ${JSON.stringify(selected)} selected → fail the connection (no open; error, close 1006)`, async function () {
      const { WS, sockets } = setup();
      const ws = new WS('ws://h/', requested);
      const seq = recorder(ws);
      sockets[0].events.open(selected, '');
      expect(ws.readyState).to.equal(2);
      await tick();
      expect(seq).to.deep.equal([['error', 3], ['close', 3, 1006, '', false]]);
      expect(sockets[0].calls).to.deep.equal([['abort']]);
    });
  }

  describe('the WebSocket connection is closed: codes (RFC 6455 §7.1.5, SPEC §2)', function () {
    const cases = [
      [{ code: 1000, reason: 'bye', wasClean: true }, [['close', 3, 1000, 'bye', true]]],
      [{ code: 4001, reason: 'auth failed', wasClean: false }, [['close', 3, 4001, 'auth failed', false]]],
      [{ code: 1005, reason: '', wasClean: false }, [['close', 3, 1005, '', false]]],
      [{ code: undefined, reason: '', wasClean: true }, [['close', 3, 1005, '', true]]],
      [{ code: 0, reason: 'x', wasClean: true }, [['close', 3, 1005, 'x', true]]],
      [{ code: undefined, reason: 'x', wasClean: false }, [['error', 3], ['close', 3, 1006, '', false]]],
      [{ code: 1006, reason: '', wasClean: true }, [['close', 3, 1005, '', true]]],
      [{ code: 1000, reason: 'x', wasClean: true, failure: { error: new Error('e'), message: 'e' } }, [['error', 3], ['close', 3, 1006, '', false]]]
    ];
    for (const [report, expected] of cases) {
      it(`${JSON.stringify(report)} → ${JSON.stringify(expected)}`, function () {
        const { WS, sockets } = setup();
        const ws = new WS('ws://h/');
        const seq = recorder(ws);
        sockets[0].events.open('', '');
        sockets[0].events.close(report);
        sockets[0].events.close(report); // exactly once
        expect(seq.slice(1)).to.deep.equal(expected);
      });
    }
  });

  it('a received close code is kept when TCP was reset after the Close frame (issue 10 item 1)', function () {
    const { WS, sockets } = setup();
    const ws = new WS('ws://h/');
    const seq = recorder(ws);
    sockets[0].events.open('', '');
    sockets[0].events.close({ code: 4001, reason: 'auth failed', wasClean: false });
    expect(seq).to.deep.equal([['open', 1], ['close', 3, 4001, 'auth failed', false]]);
  });

  it('the closing handshake is started by the peer: CLOSING, send() counted and not sent (issue 10 item 2)', function () {
    const { WS, sockets } = setup();
    const ws = new WS('ws://h/');
    sockets[0].events.open('', '');
    sockets[0].events.closing();
    expect(ws.readyState).to.equal(2);
    ws.send('abcd');
    expect(ws.bufferedAmount).to.equal(4);
    expect(sockets[0].calls).to.deep.equal([]);
  });

  for (const queued of [false, true]) {
    it(`the engine closed while a received Blob is still being read (socket still OPEN)${queued ? ', with a Blob waiting in the send queue' : ''}: send() is counted, not handed to the engine`, async function () {
      const { WS, sockets } = setup({ canSendBlob: false });
      const ws = new WS('ws://h/');
      ws.binaryType = 'arraybuffer';
      const seq = recorder(ws);
      const s = sockets[0];
      s.events.open('', '');
      if (queued) ws.send(new Blob([new Uint8Array([1, 2])]));
      s.events.message(new Blob([new Uint8Array([9])]));
      s.buffered = 5;
      s.events.close({ code: 1000, reason: '', wasClean: true });
      s.buffered = 0; // the engine's count after its close is not the socket's (SPEC §2)
      expect(ws.readyState).to.equal(1);
      ws.send('abc');
      ws.send(new Uint8Array(4));
      expect(ws.bufferedAmount).to.equal(5 + (queued ? 2 : 0) + 3 + 4);
      await tick();
      expect(s.calls).to.deep.equal([]);
      expect(seq.map((r) => r.slice(0, 2))).to.deep.equal([['open', 1], ['message', 1], ['close', 3]]);
      expect(ws.bufferedAmount).to.equal(5 + (queued ? 2 : 0) + 3 + 4);
    });
  }

  it('the engine saying CLOSING (no event) is read on access (browsers, undici)', function () {
    const { WS, sockets } = setup();
    const ws = new WS('ws://h/');
    sockets[0].events.open('', '');
    sockets[0].engineState = 2;
    expect(ws.readyState).to.equal(2);
    ws.close(1000); // CLOSING: nothing to do
    expect(sockets[0].calls).to.deep.equal([]);
  });

  it("an engine whose close() throws fails the connection: error, close 1006, then nothing stuck (issue 10 item 3)", async function () {
    const { WS, sockets } = setup({ throwOnClose: new TypeError('engine') });
    const ws = new WS('ws://h/');
    const seq = recorder(ws);
    sockets[0].events.open('', '');
    ws.close(4000, 'x');
    expect(ws.readyState).to.equal(2);
    await tick();
    expect(seq).to.deep.equal([['open', 1], ['error', 3], ['close', 3, 1006, '', false]]);
    expect(sockets[0].calls).to.deep.equal([['close', 4000, 'x'], ['abort']]);
  });

  it('an engine whose send() throws while OPEN: no exception, the connection fails, the bytes stay counted (issue 10 item 3)', async function () {
    const { WS, sockets } = setup({ throwOnSend: new Error('engine') });
    const ws = new WS('ws://h/');
    const seq = recorder(ws);
    sockets[0].events.open('', '');
    expect(() => ws.send('hello')).to.not.throw();
    expect([ws.readyState, ws.bufferedAmount]).to.deep.equal([2, 5]);
    await tick();
    expect(seq.map((e) => e[0])).to.deep.equal(['open', 'error', 'close']);
  });

  it('fail the WebSocket connection before any engine exists: CLOSING, then error and close 1006 in a later task', async function () {
    const { WS } = setup();
    const { SocketCore } = load('socket-core');
    const fired = [];
    const core = new SocketCore(fakeBackend().backend, {
      fire: (ev) => fired.push([ev.type, core.readyState, ev.code]),
      events: { Event: function (t) { this.type = t; }, MessageEvent: null, CloseEvent: function (t, i) { this.type = t; this.code = i.code; } },
      origin: 'null'
    });
    core.failConnection();
    expect(core.readyState).to.equal(2);
    expect(fired).to.deep.equal([]);
    await tick();
    expect(fired).to.deep.equal([['error', 3, undefined], ['close', 3, 1006]]);
    void WS;
  });

  it('messages before the peer closing are dispatched before readyState says CLOSING (inbox order)', function () {
    const { WS, sockets } = setup();
    const ws = new WS('ws://h/');
    const states = [];
    ws.addEventListener('message', () => states.push(ws.readyState));
    sockets[0].events.open('', '');
    sockets[0].events.message('a');
    sockets[0].events.closing();
    sockets[0].events.message('late'); // not OPEN any more: not delivered
    expect(states).to.deep.equal([1]);
    expect(ws.readyState).to.equal(2);
  });

  it('the error event carries the engine failure (message, error) (issue 10 item 8)', function () {
    const { WS, sockets } = setup();
    const ws = new WS('ws://h/');
    let got = null;
    ws.addEventListener('error', (ev) => (got = [ev.message, ev.error && ev.error.code]));
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    sockets[0].events.close({ code: undefined, reason: '', wasClean: false, failure: { error: err, message: err.message } });
    expect(got).to.deep.equal(['connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED']);
  });
});

// Issue 13: where the engine hands over its own MessageEvent before dispatching it (undici), the
// socket dispatches that very event when it is the one the Standard asks for, else a new one.
describe("socket-core: the engine's own message event (issue 13)", function () {
  function opened() {
    const { WS, sockets } = setup();
    const ws = new WS('ws://h:8080/p');
    const got = [];
    ws.addEventListener('message', (ev) => got.push([ev, ev.target, ev.currentTarget, ev.data]));
    sockets[0].events.open('', '');
    return { ws, got, inputs: sockets[0].events };
  }

  it('text, and an ArrayBuffer with binaryType arraybuffer: that event, its target the socket', function () {
    const { ws, got, inputs } = opened();
    ws.binaryType = 'arraybuffer';
    const ab = new ArrayBuffer(2);
    const e1 = new MessageEvent('message', { data: 'hi', origin: 'ws://h:8080' });
    const e2 = new MessageEvent('message', { data: ab, origin: 'ws://h:8080' });
    inputs.message('hi', e1);
    inputs.message(ab, e2);
    expect(got.map((r) => r[0])).to.deep.equal([e1, e2]);
    expect(got[0][0]).to.equal(e1);
    expect(got[1][0]).to.equal(e2);
    for (const r of got) expect([r[1], r[2]]).to.deep.equal([ws, ws]);
  });

  it('binaryType blob: a new MessageEvent whose data is a Blob of the bytes, not the engine event', async function () {
    const { got, inputs } = opened();
    const engineEvent = new MessageEvent('message', { data: new Uint8Array([7, 8]).buffer, origin: 'ws://h:8080' });
    inputs.message(engineEvent.data, engineEvent);
    expect(got).to.have.length(1);
    expect(got[0][0]).to.not.equal(engineEvent);
    expect(got[0][0]).to.be.instanceOf(MessageEvent);
    expect(got[0][3]).to.be.instanceOf(Blob);
    expect(Array.from(new Uint8Array(await got[0][3].arrayBuffer()))).to.deep.equal([7, 8]);
    expect(got[0][0].origin).to.equal('ws://h:8080');
  });

  it('an engine event of another origin or class: a new event with the socket origin', function () {
    const { got, inputs } = opened();
    const other = new MessageEvent('message', { data: 'x', origin: 'ws://elsewhere' });
    inputs.message('x', other);
    expect(got[0][0]).to.not.equal(other);
    expect([got[0][0].origin, got[0][3]]).to.deep.equal(['ws://h:8080', 'x']);
    const second = opened();
    const plain = new Event('message');
    second.inputs.message('y', plain);
    expect(second.got[0][0]).to.not.equal(plain);
    expect(second.got[0][0]).to.be.instanceOf(MessageEvent);
  });

  it('onmessage and listeners see the same event, in registration order', function () {
    const { ws, inputs } = opened();
    const seen = [];
    ws.onmessage = (ev) => seen.push(['handler', ev]);
    ws.addEventListener('message', (ev) => seen.push(['listener', ev]));
    const e = new MessageEvent('message', { data: 'z', origin: 'ws://h:8080' });
    inputs.message('z', e);
    expect(seen).to.deep.equal([['handler', e], ['listener', e]]);
  });
});

describe('own EventTarget: listeners do not leak between sockets (issue 10 item 5)', function () {
  it('a listener added through WebSocket.prototype does not make sockets share one list', function () {
    const { WS, sockets } = setup({}, { eventTarget: 'own' });
    WS.prototype.addEventListener('open', () => {});
    const a = new WS('ws://h/a');
    const b = new WS('ws://h/b');
    const seen = [];
    a.addEventListener('open', () => seen.push('a'));
    sockets[1].events.open('', '');
    expect(seen).to.deep.equal([]);
    sockets[0].events.open('', '');
    expect(seen).to.deep.equal(['a']);
    void b;
  });

  it('a frozen socket still gets its events (no lazy defineProperty in an engine callback)', function () {
    const { WS, sockets } = setup({}, { eventTarget: 'own' });
    const ws = new WS('ws://h/');
    const seen = [];
    ws.addEventListener('open', () => seen.push('open'));
    Object.freeze(ws);
    ws.onmessage = null;
    expect(() => sockets[0].events.open('', '')).to.not.throw();
    expect(seen).to.deep.equal(['open']);
  });
});

describe('private state (issue 10 item 6)', function () {
  it('no own property of a socket reaches its state; a forged object is not a socket', function () {
    const { WS } = setup();
    const ws = new WS('ws://h/');
    expect(Object.getOwnPropertyNames(ws).filter((k) => /shim/i.test(k))).to.deep.equal([]);
    const forged = Object.create(WS.prototype);
    expect(() => forged.readyState).to.throw(TypeError);
  });
});

describe('URL and origin strings shared by sockets to the same URL (issue 13: heap per socket)', function () {
  it('each socket keeps its own URL, origin and engine URL, in any order of URLs', function () {
    const { WS, sockets } = setup();
    const urls = ['ws://a:81/x', 'http://a:81/x', 'ws://b/y?q', 'ws://a:81/x', 'wss://b/y?q', 'ws://b/y?q', 'ws://B/y?q'];
    const want = [
      ['ws://a:81/x', 'ws://a:81'],
      ['ws://a:81/x', 'ws://a:81'],
      ['ws://b/y?q', 'ws://b'],
      ['ws://a:81/x', 'ws://a:81'],
      ['wss://b/y?q', 'wss://b'],
      ['ws://b/y?q', 'ws://b'],
      ['ws://b/y?q', 'ws://b']
    ];
    const got = [];
    const list = urls.map((u) => new WS(u));
    list.forEach((ws, i) => ws.addEventListener('message', (ev) => (got[i] = ev.origin)));
    sockets.forEach((s) => s.events.open('', ''));
    sockets.forEach((s, i) => s.events.message('m' + i));
    expect(list.map((ws, i) => [ws.url, got[i]])).to.deep.equal(want);
    expect(sockets.map((s) => s.url)).to.deep.equal(want.map((w) => w[0]));
  });
});

describe('send queue: a stopped queue lets go of its payloads (issue 10 item 8)', function () {
  it('stop() keeps the byte count and drops the queued data', function () {
    const q = new SendQueue({ canSendBlob: false, write() {}, fail() {} });
    q.push(new Blob([new Uint8Array(10)]), 10, true); // waits for its read
    q.push(new Uint8Array(1000), 1000, false);
    expect(q.bytes).to.equal(1010);
    q.stop();
    expect(q.bytes).to.equal(1010);
    expect(q.items).to.deep.equal([]);
  });
});
