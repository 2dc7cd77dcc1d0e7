// Regression tests for the lifecycle bugs of issue 10, each named after what it pins, on the
// built package over the backend of this run (ws 8, ws 7, Node's built-in), against the fault
// server (test/support/fault-server.cjs) and the test server. CommonJS, Node 10 syntax.
'use strict';
const h = require('../support/integration-helpers.cjs');
const { startFaultServer } = require('../support/fault-server.cjs');

const expect = h.expect;
const BACKEND = h.BACKEND;

/** The native engine, throwing on send(ArrayBuffer of 4093 bytes) and on close(code, 'engine-throws'). */
function throwingNative(Native) {
  class ThrowingEngine extends Native {
    send(data) {
      if (data && typeof data === 'object' && data.byteLength === 4093) throw new Error('engine failure on send (test)');
      return super.send.apply(this, arguments);
    }
    close(code, reason) {
      if (reason === 'engine-throws') throw new Error('engine failure on close (test)');
      return super.close.apply(this, arguments);
    }
  }
  return ThrowingEngine;
}

function record(ws) {
  const seq = [];
  ['open', 'message', 'error', 'close'].forEach(function (type) {
    ws.addEventListener(type, function (ev) {
      const row = [type, ws.readyState];
      if (type === 'close') row.push(ev.code, ev.reason, ev.wasClean);
      seq.push(row);
    });
  });
  return seq;
}

describe('lifecycle regressions (issue 10)', function () {
  this.timeout(15000);
  let faults;
  let server;
  let Throwing;
  const tracker = h.makeTracker();
  before(async function () {
    faults = await startFaultServer();
    server = await h.startServer();
    Throwing = h.shim.createWebSocketClass({ mode: 'strict', native: throwingNative(h.nativeCtor()) });
  });
  afterEach(function () {
    return tracker.cleanup();
  });
  after(async function () {
    await faults.close();
    await server.close();
  });

  it('a received close code is kept when TCP is reset after the Close frame (item 1: 4001 "auth failed", not 1006)', async function () {
    const ws = tracker.make(h.classFor('strict'), faults.url('close-then-reset', h.uid('r1')));
    const seq = record(ws);
    await h.closed(ws);
    expect(seq.map(function (e) { return e.slice(0, 4); })).to.deep.equal([['open', 1], ['close', 3, 4001, 'auth failed']]);
  });

  it('readyState is CLOSING once the server started the closing handshake; send() then is counted, never sent (item 2)', async function () {
    const id = h.uid('r2');
    const ws = tracker.make(h.classFor('strict'), faults.url('close-and-hold', id));
    await h.nextEvent(ws, 'message');
    await new Promise(function (resolve) { setImmediate(resolve); });
    const state = ws.readyState;
    ws.send('abc');
    expect([state, ws.bufferedAmount]).to.deep.equal([2, 3]);
    const ev = await h.closed(ws);
    expect([ev.code, ev.reason]).to.deep.equal([4000, 'later']);
    expect((await faults.ended(id)).messages).to.deep.equal([]);
  });

  it('an engine whose close() throws fails the connection instead of leaving the socket stuck (item 3)', async function () {
    const id = h.uid('r3');
    const ws = await h.openSocket(tracker, Throwing, h.wsUrl(server, id));
    const seq = record(ws);
    ws.close(4000, 'engine-throws'); // no exception: the arguments were valid
    expect(ws.readyState).to.equal(2);
    await h.closed(ws);
    expect(seq).to.deep.equal([['error', 3], ['close', 3, 1006, '', false]]);
    ws.send('after'); // CLOSED: counted, no exception
    expect(ws.bufferedAmount).to.equal(5);
  });

  it('an engine whose send() throws while OPEN fails the connection; no exception escapes send() (item 3)', async function () {
    const id = h.uid('r3s');
    const ws = await h.openSocket(tracker, Throwing, h.wsUrl(server, id));
    const seq = record(ws);
    ws.send(new ArrayBuffer(4093));
    expect(ws.readyState).to.equal(2);
    await h.closed(ws);
    expect(seq).to.deep.equal([['error', 3], ['close', 3, 1006, '', false]]);
    expect(ws.bufferedAmount).to.be.at.least(4093);
  });

  it('a native other than ws or undici gets no options object as its second argument (item 4)', function () {
    const calls = [];
    function OtherNative() {
      calls.push(Array.prototype.slice.call(arguments));
      this.readyState = 0;
    }
    OtherNative.prototype.addEventListener = function () {};
    OtherNative.prototype.close = function () {};
    const WS = h.shim.createWebSocketClass({ native: OtherNative });
    const ws = new WS('ws://127.0.0.1:2/x', ['p1'], { headers: { 'x-test': '1' } });
    ws.close();
    expect(calls).to.deep.equal([['ws://127.0.0.1:2/x', 'p1']]);
  });

  it('the socket has no own property holding its state (item 6: nothing to forge)', async function () {
    const ws = await h.openSocket(tracker, h.classFor('strict'), h.wsUrl(server, h.uid('r6')));
    const own = Object.getOwnPropertyNames(ws).filter(function (k) { return /shim/i.test(k); });
    expect(own).to.deep.equal([]);
    expect(ws.__wsShimState).to.equal(undefined);
  });

  it('failing an OPEN connection drops TCP where the engine can: the server sees 1006 (item 8)', async function () {
    const id = h.uid('r8');
    const ws = await h.openSocket(tracker, Throwing, h.wsUrl(server, id));
    ws.send(new ArrayBuffer(4093)); // the engine throws: the connection fails
    await h.closed(ws);
    const rec = await server.log(id);
    // ws: terminate() (no Close frame); undici has no way to drop TCP, so it sends a Close frame.
    if (BACKEND === 'builtin') expect(rec.close.code).to.not.equal(1006);
    else expect(rec.close.code).to.equal(1006);
  });

  it("the error event carries the engine's details (item 8: ECONNREFUSED, 'Unexpected server response: 401')", async function () {
    const port = await h.refusedPort();
    const refused = tracker.make(h.classFor('strict'), 'ws://127.0.0.1:' + port + '/');
    const denied = tracker.make(h.classFor('strict'), faults.url('http-401', h.uid('r8e')));
    const e1 = await h.nextEvent(refused, 'error');
    const e2 = await h.nextEvent(denied, 'error');
    if (BACKEND === 'builtin') {
      // undici's own ErrorEvent message, passed on: undici 6 names the failure, 7.30 gives ''.
      expect([typeof e1.message, typeof e2.message]).to.deep.equal(['string', 'string']);
    } else {
      expect(e1.message).to.match(/ECONNREFUSED/);
      expect(e1.error).to.be.an.instanceof(Error);
      expect(e2.message).to.equal('Unexpected server response: 401');
    }
  });

  it('a failed install() leaves no marker and the global as it was (item 7)', async function () {
    const script = [
      "var g = typeof globalThis === 'object' ? globalThis : global;",
      'function Fixed() {}',
      "Object.defineProperty(g, 'WebSocket', { value: Fixed, writable: false, configurable: false });",
      'var api = require(' + JSON.stringify(h.nodeCjs) + ');',
      'var out = [];',
      'for (var i = 0; i < 2; i++) { try { api.install(); out.push("installed"); } catch (e) { out.push(e.name); } }',
      'out.push(api.detect().installed, g.WebSocket === Fixed);',
      'console.log(JSON.stringify(out));'
    ].join('\n');
    const r = await h.runNode(script, { flags: h.NO_BUILTIN_FLAGS });
    expect(r.json, r.stderr).to.deep.equal(['TypeError', 'TypeError', false, true]);
  });

  it("install() over a page's non-configurable but writable global (a top-level var) installs, and uninstall() restores it (item 7)", async function () {
    const script = [
      "var g = typeof globalThis === 'object' ? globalThis : global;",
      'function Fixed() {}',
      "Object.defineProperty(g, 'WebSocket', { value: Fixed, writable: true, enumerable: true, configurable: false });",
      'var api = require(' + JSON.stringify(h.nodeCjs) + ');',
      'var C = api.install();',
      'var out = [g.WebSocket === C, api.detect().installed, api.uninstall(), g.WebSocket === Fixed, api.detect().installed];',
      'console.log(JSON.stringify(out));'
    ].join('\n');
    const r = await h.runNode(script, { flags: h.NO_BUILTIN_FLAGS });
    expect(r.json, r.stderr).to.deep.equal([true, true, true, true, false]);
  });
});
