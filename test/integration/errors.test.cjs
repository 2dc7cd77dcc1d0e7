// Exceptions: SPEC §2 "Errors" — every exception is a DOMException (the runtime's own where it has one) with
// the right name and legacy code; TypeError only for IDL conversion failures. Thrown by the
// shim before the engine (undici, ws) is touched.
'use strict';
const {
  expect, BACKEND, MODES, classFor, startServer, makeTracker, uid, wsUrl, openSocket, closed, delay,
  expectDOMException, expectTypeError, DOMException
} = require('../support/integration-helpers.cjs');

describe(`exceptions [${BACKEND}]`, function () {
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

      it('constructor: TypeError for IDL conversion only (no arguments, Symbol url, Symbol protocol, no new)', () => {
        const C = WS();
        expectTypeError(() => new C());
        expectTypeError(() => new C(Symbol('u')));
        expectTypeError(() => new C(wsUrl(server, uid('e')), [Symbol('p')]));
        expectTypeError(() => new C(wsUrl(server, uid('e')), Symbol('p')));
        expectTypeError(() => C(wsUrl(server, uid('e'))));
      });

      it('constructor: SyntaxError (12) for relative, unparsable, non-ws URLs and fragments', () => {
        const C = WS();
        const base = `127.0.0.1:${server.port}`;
        for (const url of [
          '/relative', 'relative', '', 'ws://', 'ws://[::1', `ftp://${base}/`, `file:///tmp/x`, 'javascript:alert(1)',
          `ws://${base}/#`, `ws://${base}/#frag`, `wss://${base}/a#b`, `http://${base}/#x`
        ]) {
          expectDOMException(() => new C(url), 'SyntaxError', 12);
        }
      });

      it(mode === 'strict' ? 'constructor: SecurityError (18) for a bad port, synchronously' : 'constructor: no exception for a bad port (standard: the connection fails; test/integration/bad-ports)', () => {
        const C = WS();
        for (const url of ['ws://127.0.0.1:1/', 'ws://127.0.0.1:25/', 'ws://127.0.0.1:6000/', 'wss://127.0.0.1:6667/', 'http://127.0.0.1:10080/']) {
          if (mode === 'strict') expectDOMException(() => new C(url), 'SecurityError', 18);
          else tracker.add(new C(url)).onerror = function () {};
        }
      });

      it('constructor: SyntaxError (12) for a forbidden host code point, whatever the engine parser accepts', () => {
        const C = WS();
        for (const url of ['ws://foo bar/', 'wss://foo bar.com/', 'ws://a<b/', 'ws://a^b/', 'ws://a|b/', 'ws://a%zz/', 'ws://a%20b/']) {
          expectDOMException(() => new C(url), 'SyntaxError', 12);
        }
      });

      it('constructor: SyntaxError (12) for bad protocols (empty, not a token, duplicates ignoring ASCII case)', () => {
        const C = WS();
        const url = wsUrl(server, uid('e'));
        for (const protocols of [[''], '', ['a b'], ['a,b'], ['\u00e9'], ['x', 'x'], ['chat', 'CHAT'], ['a', 'b', 'A']]) {
          expectDOMException(() => new C(url, protocols), 'SyntaxError', 12);
        }
      });

      it('constructor: url is ToString-converted, the serialized absolute URL; readyState 0', () => {
        const C = WS();
        const id = uid('e');
        const ws = tracker.make(C, { toString: () => `WS://127.0.0.1:${server.port}/a/../b?id=${id}` });
        expect(ws.url).to.equal(`ws://127.0.0.1:${server.port}/b?id=${id}`);
        expect(ws.readyState).to.equal(0);
        expect(ws.bufferedAmount).to.equal(0);
      });

      it('constants on the constructor and the prototype; read-only attributes refuse assignment', () => {
        const C = WS();
        const ws = tracker.make(C, wsUrl(server, uid('e')));
        for (const [k, v] of [['CONNECTING', 0], ['OPEN', 1], ['CLOSING', 2], ['CLOSED', 3]]) {
          expect(C[k]).to.equal(v);
          expect(C.prototype[k]).to.equal(v);
          expect(ws[k]).to.equal(v);
        }
        const url = ws.url;
        // Getter-only accessors (strict code would get a TypeError from `=`): the set is refused.
        for (const [k, v] of [['url', 'ws://elsewhere/'], ['readyState', 3], ['bufferedAmount', 99], ['protocol', 'p'], ['extensions', 'e']]) {
          expect(Reflect.set(ws, k, v), k).to.equal(false);
        }
        expect([ws.url, ws.readyState, ws.bufferedAmount, ws.protocol, ws.extensions]).to.deep.equal([url, 0, 0, '', '']);
      });

      it('send() while CONNECTING: InvalidStateError (11)', () => {
        const ws = tracker.make(WS(), wsUrl(server, uid('e')));
        const e = expectDOMException(() => ws.send('x'), 'InvalidStateError', 11);
        expect(e.code).to.equal(DOMException.INVALID_STATE_ERR);
      });

      it('close(): InvalidAccessError (15) for codes, SyntaxError (12) for long reasons, TypeError for Symbols', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('e')));
        const e1 = expectDOMException(() => ws.close(1001), 'InvalidAccessError', 15);
        expect(e1.code).to.equal(DOMException.INVALID_ACCESS_ERR);
        const e2 = expectDOMException(() => ws.close(1000, 'a'.repeat(124)), 'SyntaxError', 12);
        expect(e2.code).to.equal(DOMException.SYNTAX_ERR);
        expectDOMException(() => ws.close(1000, '\u00e9'.repeat(62)), 'SyntaxError', 12); // 124 bytes, 62 chars
        expectTypeError(() => ws.close(Symbol('c')));
        expectTypeError(() => ws.close(1000, Symbol('r')));
        expectTypeError(() => ws.close(1000, { toString: () => Symbol('r') }));
        // A code whose conversion throws: the error of the conversion itself.
        const mine = new RangeError('from valueOf');
        let caught = null;
        try {
          ws.close({ valueOf() { throw mine; } });
        } catch (e) {
          caught = e;
        }
        expect(caught).to.equal(mine);
        expect(ws.readyState).to.equal(1);
        const done = closed(ws);
        ws.close(1000);
        expect((await done).code).to.equal(1000);
      });

      it('conversions run in argument order: code converted before reason', async () => {
        const ws = await openSocket(tracker, WS(), wsUrl(server, uid('e')));
        const order = [];
        expectDOMException(() => ws.close(
          { valueOf() { order.push('code'); return 1; } },
          { toString() { order.push('reason'); return 'r'; } }
        ), 'InvalidAccessError', 15);
        expect(order).to.deep.equal(['code', 'reason']);
      });

      if (mode === 'strict') {
        it('unpaired surrogates: SyntaxError (12) from send() and close()', async () => {
          const ws = await openSocket(tracker, WS(), wsUrl(server, uid('e')));
          expectDOMException(() => ws.send('\ud800'), 'SyntaxError', 12);
          expectDOMException(() => ws.close(1000, '\udfff'), 'SyntaxError', 12);
          expect(ws.readyState).to.equal(1);
        });
      } else {
        it('unpaired surrogates: no exception from send() or close()', async () => {
          const ws = await openSocket(tracker, WS(), wsUrl(server, uid('e')));
          expect(ws.send('\ud800')).to.equal(undefined);
          const done = closed(ws);
          expect(ws.close(1000, '\udfff')).to.equal(undefined);
          await done;
        });
      }

      it('methods on a foreign object throw TypeError (illegal invocation), not something else', () => {
        const C = WS();
        expectTypeError(() => C.prototype.send.call({}, 'x'));
        expectTypeError(() => C.prototype.close.call({}));
        const get = Object.getOwnPropertyDescriptor(C.prototype, 'readyState').get;
        expectTypeError(() => get.call({}));
      });

      it('no exception escapes asynchronously from a failing connection (refused port, drop)', async () => {
        const uncaught = [];
        const onUncaught = (e) => uncaught.push(e);
        process.on('uncaughtException', onUncaught);
        try {
          const ws = tracker.make(WS(), wsUrl(server, uid('e-drop'), 'drop=1'));
          await closed(ws);
          await delay(20);
        } finally {
          process.removeListener('uncaughtException', onUncaught);
        }
        expect(uncaught).to.deep.equal([]);
      });
    });
  }
});
