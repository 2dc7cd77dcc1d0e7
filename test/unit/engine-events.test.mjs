// src/transports/undici-transport.ts and src/transports/ws.ts — where the transports take the engine's
// events. Issue 13 (heap per open socket): an engine that fires its events through its own
// `dispatchEvent` (undici) has them taken there, and once an 'open' has been seen coming that
// way, later engine sockets get no listeners at all; ws sockets (EventEmitters, whose every
// event goes through `this.emit`) get none. These check that every
// event still reaches the state machine exactly once and in order, before and after, and that
// what the transports do not take (other event types, 'unexpected-response') is untouched.
import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { load } from './_helpers.mjs';

const { nativeBackend } = load('transports/native');
const { undiciTransports } = load('transports/undici-transport');
const { wsBackend } = load('transports/ws');

function recorder() {
  const log = [];
  return {
    log,
    open: (protocol, extensions) => log.push(['open', protocol, extensions]),
    message: (data, engineEvent) => log.push(['message', data, engineEvent ? 'engine event' : 'no event']),
    closing: () => log.push(['closing']),
    close: (report) => log.push(['close', report.code, report.reason, report.wasClean])
  };
}

/** Two sockets a and b each heard its own engine socket: its open, then its message ('to a', 'to b'). */
function expectOwnEvents(a, b) {
  expect(a.log).to.deep.equal([
    ['open', '', ''],
    ['message', 'to a', 'no event']
  ]);
  expect(b.log).to.deep.equal([
    ['open', '', ''],
    ['message', 'to b', 'no event']
  ]);
}

/** An engine socket's state as constructed (CONNECTING, nothing negotiated), recorded in `made`. */
function connecting(socket, url, made) {
  socket.url = url;
  socket.readyState = 0;
  socket.protocol = '';
  socket.extensions = '';
  made.push(socket);
}

/** An undici-like engine: a Node EventTarget that fires its events by calling this.dispatchEvent. */
function undiciLike({ viaOwnDispatch = true } = {}) {
  const made = [];
  class Engine extends EventTarget {
    constructor(url) {
      super();
      this.added = [];
      connecting(this, url, made);
    }
    addEventListener(type, fn) {
      this.added.push(type);
      super.addEventListener(type, fn);
    }
    fire(ev) {
      return viaOwnDispatch ? this.dispatchEvent(ev) : EventTarget.prototype.dispatchEvent.call(this, ev);
    }
    open() {
      this.readyState = 1;
      this.fire(new Event('open'));
    }
    receive(data) {
      this.fire(new MessageEvent('message', { data, origin: 'ws://127.0.0.1:1' }));
    }
    closed(code, reason) {
      this.readyState = 3;
      const ev = new Event('close');
      Object.assign(ev, { code, reason, wasClean: true });
      this.fire(ev);
    }
    send() {}
    close() {}
  }
  return { Engine, made };
}

describe('engine events: undici-like engines (their own dispatchEvent), issue 13', function () {
  it('the first socket is listened to; each event reaches the machine once, in order', function () {
    const { Engine, made } = undiciLike();
    const backend = nativeBackend(Engine, { transport: undiciTransports() });
    const ev = recorder();
    backend.create('ws://127.0.0.1:1/', [], undefined, ev);
    const s = made[0];
    expect(s.added).to.deep.equal(['open', 'message', 'error', 'close']);
    s.open();
    s.receive('a');
    s.closed(1000, 'bye');
    expect(ev.log).to.deep.equal([
      ['open', '', ''],
      ['message', 'a', 'engine event'],
      ['close', 1000, 'bye', true]
    ]);
  });

  it('once an open came through dispatchEvent, later sockets get no listeners and still get every event once', function () {
    const { Engine, made } = undiciLike();
    const backend = nativeBackend(Engine, { transport: undiciTransports() });
    backend.create('ws://127.0.0.1:1/', [], undefined, recorder());
    made[0].open();
    const ev = recorder();
    backend.create('ws://127.0.0.1:1/', [], undefined, ev);
    const s = made[1];
    expect(s.added, 'no listeners on the second engine socket').to.deep.equal([]);
    s.open();
    s.receive('b');
    s.receive(new ArrayBuffer(2));
    s.closed(4000, 'r');
    expect(ev.log.map((e) => e[0])).to.deep.equal(['open', 'message', 'message', 'close']);
    expect(ev.log[3]).to.deep.equal(['close', 4000, 'r', true]);
  });

  it('an engine that dispatches without its own dispatchEvent is still heard, through the listeners', function () {
    const { Engine, made } = undiciLike({ viaOwnDispatch: false });
    const backend = nativeBackend(Engine, { transport: undiciTransports() });
    for (let i = 0; i < 2; i++) {
      const ev = recorder();
      backend.create('ws://127.0.0.1:1/', [], undefined, ev);
      const s = made[i];
      expect(s.added, 'socket ' + i + ' listened to: no open was seen through dispatchEvent').to.deep.equal(['open', 'message', 'error', 'close']);
      s.open();
      s.receive('c');
      expect(ev.log).to.deep.equal([
        ['open', '', ''],
        ['message', 'c', 'no event']
      ]);
    }
  });

  it('other event types are dispatched by the engine as before', function () {
    const { Engine, made } = undiciLike();
    nativeBackend(Engine, { transport: undiciTransports() }).create('ws://127.0.0.1:1/', [], undefined, recorder());
    let seen = 0;
    made[0].addEventListener('other', () => seen++);
    expect(made[0].dispatchEvent(new Event('other'))).to.equal(true);
    expect(seen).to.equal(1);
  });

  it('a browser-like engine (no transport of its own): each socket hears its own engine socket', function () {
    const { Engine, made } = undiciLike({ viaOwnDispatch: false });
    const backend = nativeBackend(Engine, {});
    const a = recorder();
    const b = recorder();
    backend.create('ws://127.0.0.1:1/', [], undefined, a);
    backend.create('ws://127.0.0.1:1/', [], undefined, b);
    made[1].open();
    made[0].open();
    made[1].receive('to b');
    made[0].receive('to a');
    expectOwnEvents(a, b);
  });
});

describe('undici transport: the socket of a failed handshake (undici >= 7.30 keeps it) is released', function () {
  function upgradesSpy(log) {
    return { watch: () => log.push('watch'), release: (url) => log.push('release ' + url), opened: () => log.push('opened') };
  }
  /** A backend whose engine socket's events are logged with the upgrade calls, in one order. */
  function setup() {
    const { Engine, made } = undiciLike();
    const ev = recorder();
    const backend = nativeBackend(Engine, { transport: undiciTransports(upgradesSpy(ev.log)) });
    backend.create('ws://127.0.0.1:1/x', [], undefined, ev);
    return { s: made[0], log: ev.log };
  }

  it('closed without having opened: released once, with the URL, before the close reaches the machine', function () {
    const { s, log } = setup();
    s.closed(1006, '');
    s.closed(1006, '');
    expect(log).to.deep.equal(['release ws://127.0.0.1:1/x', ['close', 1006, '', true]]);
  });

  it('an error without a close (undici 6, refused): released once when the close is reported', async function () {
    const { s, log } = setup();
    s.fire(new Event('error'));
    await new Promise((r) => setTimeout(r, 5));
    expect(log).to.deep.equal(['release ws://127.0.0.1:1/x', ['close', undefined, '', false]]);
  });

  it('opened: what was kept for established handshakes goes, before the open reaches the machine; its close releases nothing', function () {
    const { s, log } = setup();
    s.open();
    s.closed(1000, '');
    expect(log).to.deep.equal(['opened', ['open', '', ''], ['close', 1000, '', true]]);
  });

  it('without upgrades to release (undici < 7.30): open and close as before', function () {
    const { Engine, made } = undiciLike();
    const ev = recorder();
    nativeBackend(Engine, { transport: undiciTransports() }).create('ws://127.0.0.1:1/', [], undefined, ev);
    made[0].closed(1006, '');
    expect(ev.log).to.deep.equal([['close', 1006, '', true]]);
  });
});

describe('bug: an engine that calls its listeners without `this` threw a TypeError (a listener shared through `this`)', function () {
  it("a user's own class calling listeners as plain functions: every event reaches its socket, in order", function () {
    const made = [];
    class OwnEngine {
      constructor(url) {
        this.listeners = {};
        connecting(this, url, made);
      }
      addEventListener(type, fn) {
        this.listeners[type] = fn;
      }
      fire(type, ev) {
        const fn = this.listeners[type];
        fn(ev); // no `this`, and an event without target or currentTarget
      }
      send() {}
      close() {}
    }
    const backend = nativeBackend(OwnEngine, {});
    const a = recorder();
    const b = recorder();
    backend.create('ws://127.0.0.1:1/', [], undefined, a);
    backend.create('ws://127.0.0.1:1/', [], undefined, b);
    made[1].readyState = 1;
    made[1].fire('open', { type: 'open' });
    made[0].readyState = 1;
    made[0].fire('open', { type: 'open' });
    made[0].fire('message', { type: 'message', data: 'to a' });
    made[1].fire('message', { type: 'message', data: 'to b' });
    expectOwnEvents(a, b);
  });
});

/** A ws-like class: an EventEmitter with terminate(), emitting as ws does (this.emit). */
function wsLike() {
  const made = [];
  class WS extends EventEmitter {
    constructor(url) {
      super();
      connecting(this, url, made);
    }
    terminate() {}
    send() {}
    close() {}
  }
  WS.WebSocketServer = function () {};
  return { WS, made };
}

describe('engine events: ws (its own emit), issue 13', function () {
  it('a socket gets no listeners; every event still arrives once, in order; an error without listeners is taken, not thrown', function () {
    const { WS, made } = wsLike();
    const backend = wsBackend(WS);
    const ev = recorder();
    backend.create('ws://127.0.0.1:1/', [], undefined, ev);
    const s = made[0];
    for (const type of ['open', 'message', 'error', 'close']) expect(s.listenerCount(type), type).to.equal(0);
    s.emit('open');
    s.emit('message', Buffer.from('hé'), false);
    s.emit('message', new Uint8Array([1, 2]).buffer, true);
    expect(s.emit('error', new Error('boom'))).to.equal(true);
    s.emit('close', 1006, Buffer.alloc(0));
    expect(ev.log.slice(0, 2)).to.deep.equal([
      ['open', '', ''],
      ['message', 'hé', 'no event']
    ]);
    expect(ev.log[2][0]).to.equal('message');
    expect(Array.from(new Uint8Array(ev.log[2][1]))).to.deep.equal([1, 2]);
    expect(ev.log[3]).to.deep.equal(['close', undefined, '', false]);
    expect(ev.log.length).to.equal(4);
  });

  it("what the transport does not take is emitted as before: 'unexpected-response' without a listener returns false (ws then fails the handshake)", function () {
    const { WS, made } = wsLike();
    wsBackend(WS).create('ws://127.0.0.1:1/', [], undefined, recorder());
    expect(made[0].emit('unexpected-response', {}, {})).to.equal(false);
    let pings = 0;
    made[0].on('ping', () => pings++);
    expect(made[0].emit('ping', Buffer.alloc(0))).to.equal(true);
    expect(pings).to.equal(1);
  });
});
