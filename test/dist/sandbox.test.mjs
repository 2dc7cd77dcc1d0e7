// The UMD bundles in an ES5-like script host (SPEC §4: "engines without a constructible
// EventTarget, Event, DOMException, TextEncoder, Promise, Symbol, URL or Blob#arrayBuffer
// still work (the UMD is ES5 and uses none of them unguarded)").
//
// Each test gets a fresh vm context: the globals in DELETED are deleted before the bundle
// loads, `setTimeout` is the only host function, and `WebSocket` is an ES5 engine double
// (support/sandbox.mjs) that records every call with its exact arguments. Any unguarded use
// of a deleted global by the bundle is a ReferenceError, at load or in a later timer (the
// timer errors are collected and fail the test in afterEach).
//
// Two variants: 'brief' deletes exactly DELETED; 'es5' also deletes globalThis (the bundle
// must find the global through window/self), the other post-ES5 globals and the ES2015+
// methods of the built-ins.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox, tick, root, UMD_FILES, DELETED, DELETED_ES5_GLOBALS, DELETED_ES5_METHODS } from './support/sandbox.mjs';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const REPEAT = (s, n) => new Array(n + 1).join(s);

for (const file of UMD_FILES) {
  for (const variant of ['brief', 'es5']) {
    describe(`${file} in an ES5-like sandbox (${variant})`, function () {
      let sandboxes = [];
      function make(options = {}) {
        const s = createSandbox({ variant, ...options });
        sandboxes.push(s);
        return s;
      }
      /** A sandbox with the bundle loaded. */
      function loaded(options) {
        const s = make(options);
        s.load(file);
        return s;
      }
      /** A sandbox with the bundle loaded and one socket `ws` (engine double `fake`) open. */
      function opened(options, url = 'ws://example.test:8080/chat') {
        const s = loaded(options);
        s.run(`var ws = new WebSocket(${JSON.stringify(url)}); var fake = FakeWebSocket.last(); fake.fire('open');`);
        expect(s.json('ws.readyState')).to.equal(1);
        return s;
      }

      afterEach(function () {
        const errors = sandboxes.flatMap((s) => s.asyncErrors);
        const strings = sandboxes.flatMap((s) => s.stringTimers);
        sandboxes = [];
        expect(strings, 'setTimeout called with a string').to.deep.equal([]);
        expect(errors.map((e) => String(e && e.stack ? e.stack : e)), 'errors thrown in timers').to.deep.equal([]);
      });

      it('the sandbox really lacks every deleted global (control)', function () {
        const s = make();
        const names = variant === 'es5' ? DELETED.concat(DELETED_ES5_GLOBALS) : DELETED;
        expect(s.json(`[${names.map((n) => `typeof ${n}`).join(', ')}]`)).to.deep.equal(names.map(() => 'undefined'));
        // An unguarded use is an error the bundle cannot swallow.
        expect(() => s.run('new Promise(function () {})')).to.throw(/Promise is not defined/);
        expect(() => s.run('Symbol.iterator')).to.throw(/Symbol is not defined/);
        if (variant === 'es5') {
          for (const [owner, methods] of Object.entries(DELETED_ES5_METHODS)) {
            expect(s.json(`[${methods.map((m) => `typeof ${owner}[${JSON.stringify(m)}]`).join(', ')}]`), owner).to.deep.equal(
              methods.map(() => 'undefined')
            );
          }
          expect(s.json('[typeof window, typeof self, window === self]')).to.deep.equal(['object', 'object', true]);
        }
        expect(s.json('[typeof setTimeout, typeof WebSocket, WebSocket === FakeWebSocket]')).to.deep.equal(['function', 'function', true]);
      });

      it('installs: WebSocketShim global, WebSocket replaced, the double kept as the engine', function () {
        const s = make();
        s.run('var descriptorBefore = Object.getOwnPropertyDescriptor(this, "WebSocket");');
        s.load(file);
        expect(s.json('typeof WebSocketShim')).to.equal('object');
        expect(s.json('Object.keys(WebSocketShim).sort()')).to.deep.equal(
          ['CloseEvent', 'MessageEvent', 'WebSocket', 'createWebSocketClass', 'detect', 'install', 'uninstall', 'version'].sort()
        );
        expect(s.json('WebSocketShim.version')).to.equal(pkg.version);
        expect(s.json('[typeof WebSocket, WebSocket === FakeWebSocket, WebSocketShim.install() === WebSocket]')).to.deep.equal([
          'function',
          false,
          true
        ]);
        // Same property shape as the Web IDL interface object it replaced.
        const d = s.json('Object.getOwnPropertyDescriptor(this, "WebSocket")');
        expect({ writable: d.writable, enumerable: d.enumerable, configurable: d.configurable }).to.deep.equal({
          writable: true,
          enumerable: false,
          configurable: true
        });
        // CloseEvent / MessageEvent: the host has none, so the package's own are installed.
        expect(s.json('[CloseEvent === WebSocketShim.CloseEvent, MessageEvent === WebSocketShim.MessageEvent]')).to.deep.equal([true, true]);
        // The engine behind the new class is the double: constructing one constructs the double.
        s.run("var ws = new WebSocket('ws://example.test/');");
        expect(s.json('[FakeWebSocket.instances.length, ws instanceof FakeWebSocket, ws instanceof WebSocket]')).to.deep.equal([1, false, true]);
        expect(s.json('FakeWebSocket.last().args')).to.deep.equal(['ws://example.test/']);
      });

      it('names and constants look like the Web IDL interfaces', function () {
        const s = loaded();
        expect(s.json('[WebSocket.name, CloseEvent.name, MessageEvent.name]')).to.deep.equal(['WebSocket', 'CloseEvent', 'MessageEvent']);
        expect(s.json('[WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED]')).to.deep.equal([0, 1, 2, 3]);
        expect(
          s.json('[WebSocket.prototype.CONNECTING, WebSocket.prototype.OPEN, WebSocket.prototype.CLOSING, WebSocket.prototype.CLOSED]')
        ).to.deep.equal([0, 1, 2, 3]);
        expect(s.json('[WebSocket.prototype.close.name, WebSocket.prototype.send.name]')).to.deep.equal(['close', 'send']);
      });

      it('detect() reports an ES5 host: own EventTarget, events and DOMException, no URL, Blob, Promise, Symbol', function () {
        const s = loaded();
        const r = s.json('WebSocketShim.detect()');
        expect(r.version).to.equal(pkg.version);
        expect(r.installed).to.equal(true);
        expect(r.mode).to.equal('strict');
        expect(r.native).to.equal('WebSocket');
        expect(r.backend).to.equal('browser');
        expect(r.features).to.include({
          constructibleEventTarget: false,
          nativeMessageEvent: false,
          nativeCloseEvent: false,
          constructibleDOMException: false,
          urlConstructor: false,
          blob: false,
          globalBlob: false,
          blobArrayBuffer: false,
          fileReader: false,
          promise: false,
          textEncoder: false,
          symbol: false,
          weakMap: false
        });
        expect(r.quirks).to.include.members([
          'noConstructibleEventTarget',
          'noCloseEventConstructor',
          'noMessageEventConstructor',
          'noConstructibleDOMException',
          'noGlobalBlob'
        ]);
        expect(r.normalizations).to.include.members([
          'ownEventTarget',
          'ownCloseEvent',
          'ownDOMException',
          'unpairedSurrogatesRejected',
          'closeWithoutArgumentsSends1000'
        ]);
        expect(r.normalizations).to.not.include('unpairedSurrogatesReplaced');
        expect(r.unsupported.filter((u) => /^blobMessages\b/.test(u))).to.have.length(1);
        expect(r.unsupported).to.not.include('noNativeWebSocket');
      });

      describe('close(code, reason): conversions reach the engine exactly', function () {
        const vectors = [
          ['1000.5', [1000]],
          ['3001.3', [3001]],
          ['2999.5', [3000]],
          ['3000.5', [3000]],
          ['4999.4', [4999]],
          ["'3002'", [3002]],
          ['1000', [1000]],
          ["4000, 'bye'", [4000, 'bye']],
          ["3003, ''", [3003, '']],
          ["undefined, 'only reason'", [1000, 'only reason']],
          ['undefined, undefined', [1000]],
          ['', [1000]],
          ["1000, '\\ud83d\\ude00'", [1000, '\u{1F600}']],
          [`1000, '${REPEAT('a', 123)}'`, [1000, REPEAT('a', 123)]],
          [`1000, '${REPEAT('\u20ac', 41)}'`, [1000, REPEAT('\u20ac', 41)]]
        ];
        for (const [args, expected] of vectors) {
          it(`close(${args.length > 40 ? args.slice(0, 37) + '...' : args}) → engine close(${JSON.stringify(expected).slice(1, -1).slice(0, 40)})`, function () {
            const s = opened();
            s.run(`ws.close(${args});`);
            expect(s.json('__calls(fake)')).to.deep.equal([{ op: 'close', args: expected }]);
            expect(s.json('ws.readyState')).to.equal(2);
            // CLOSING: a second close() does nothing.
            s.run('ws.close(3000);');
            expect(s.json('__calls(fake).length')).to.equal(1);
          });
        }
      });

      describe('close(code, reason): errors are the package DOMException, thrown before the engine is touched', function () {
        const invalid = [
          ['1000.7', 1001],
          ['NaN', 0],
          ['null', 0],
          ["'text'", 0],
          ['0', 0],
          ['-1', 0],
          ['999', 999],
          ['1001', 1001],
          ['2999.4', 2999],
          ['5000', 5000],
          ['65536', 65535],
          ["1001, 'ok'", 1001],
          [`1001, '${REPEAT('a', 200)}'`, 1001] // code check before reason check
        ];
        for (const [args, clamped] of invalid) {
          it(`close(${args.slice(0, 24)}) → InvalidAccessError (15), OPEN and CONNECTING`, function () {
            const s = opened();
            const e = s.json(`__catch(function () { ws.close(${args}); })`);
            expect(e).to.include({ ctor: 'DOMException', name: 'InvalidAccessError', code: 15, isError: true });
            expect(e.message).to.contain(String(clamped));
            expect(e.string).to.equal('InvalidAccessError: ' + e.message);
            expect(s.json('__calls(fake)')).to.deep.equal([]);
            expect(s.json('ws.readyState')).to.equal(1);
            // Validation comes first whatever the state.
            s.run("var ws2 = new WebSocket('ws://example.test/');");
            expect(s.json(`__catch(function () { ws2.close(${args}); })`)).to.include({ name: 'InvalidAccessError', code: 15 });
            expect(s.json('[ws2.readyState, __calls(FakeWebSocket.last())]')).to.deep.equal([0, []]);
          });
        }

        const tooLong = [
          ['124 ASCII bytes', REPEAT('a', 124)],
          ['62 two-byte characters (124 bytes)', REPEAT('\u00e9', 62)],
          ['31 four-byte characters (124 bytes)', REPEAT('\u{1F600}', 31)]
        ];
        for (const [label, reason] of tooLong) {
          it(`a reason of ${label} → SyntaxError (12)`, function () {
            const s = opened();
            const e = s.json(`__catch(function () { ws.close(1000, ${JSON.stringify(reason)}); })`);
            expect(e).to.include({ ctor: 'DOMException', name: 'SyntaxError', code: 12, isError: true });
            expect(e.message).to.contain('123');
            expect(s.json('__calls(fake)')).to.deep.equal([]);
          });
        }

        it('strict: an unpaired surrogate in the reason → SyntaxError (12)', function () {
          const s = opened();
          for (const r of ['\\ud800', 'a\\udc00b', '\\ude00\\ud83d']) {
            expect(s.json(`__catch(function () { ws.close(1000, '${r}'); })`)).to.include({ ctor: 'DOMException', name: 'SyntaxError', code: 12 });
          }
          expect(s.json('__calls(fake)')).to.deep.equal([]);
        });

        it('all of them share one DOMException class, the package own, subclassing the sandbox Error', function () {
          const s = opened();
          s.run("__catch(function () { ws.close(1001); }); __catch(function () { ws.close(1000, '\\ud800'); }); __catch(function () { new WebSocket('ws://h:6667/'); });");
          expect(s.json('__errors.length')).to.equal(3);
          expect(
            s.json(`[
              __errors[0].constructor === __errors[1].constructor,
              __errors[1].constructor === __errors[2].constructor,
              __errors[0] instanceof __errors[0].constructor,
              __errors[0] instanceof Error,
              Object.getPrototypeOf(__errors[0].constructor.prototype) === Error.prototype,
              typeof DOMException
            ]`)
          ).to.deep.equal([true, true, true, true, true, 'undefined']);
          expect(s.json('[__errors[0].name, __errors[1].name, __errors[2].name]')).to.deep.equal([
            'InvalidAccessError',
            'SyntaxError',
            'SecurityError'
          ]);
          expect(s.json('[__errors[0].code, __errors[1].code, __errors[2].code]')).to.deep.equal([15, 12, 18]);
          const C = 'var C = __errors[0].constructor; ';
          expect(s.json(`(function () { ${C} return [C.name, C.SYNTAX_ERR, C.INVALID_STATE_ERR, C.INVALID_ACCESS_ERR, C.SECURITY_ERR]; })()`)).to.deep.equal([
            'DOMException',
            12,
            11,
            15,
            18
          ]);
          // Not a host-realm error: the sandbox realm's Error is its base.
          const err = s.run('__errors[0]');
          expect(err instanceof Error).to.equal(false);
        });
      });

      describe('constructor: URLs through the package own parser', function () {
        const ok = [
          ['http://Example.TEST:80/a/../chat?q=1', 'ws://example.test/chat?q=1', 'ws://example.test'],
          ['https://example.test:443', 'wss://example.test/', 'wss://example.test'],
          ['HTTPS://example.test:8443/x', 'wss://example.test:8443/x', 'wss://example.test:8443'],
          ['ws://example.test:8080/x/./y', 'ws://example.test:8080/x/y', 'ws://example.test:8080'],
          ['  wss://example.test/p?a b  ', 'wss://example.test/p?a%20b', 'wss://example.test']
        ];
        for (const [input, href, origin] of ok) {
          it(`${JSON.stringify(input)} → ${href}`, function () {
            const s = loaded();
            s.run(`var ws = new WebSocket(${JSON.stringify(input)});`);
            expect(s.json('[ws.url, FakeWebSocket.last().args]')).to.deep.equal([href, [href]]);
            s.run("FakeWebSocket.last().fire('open'); var got; ws.onmessage = function (e) { got = e.origin; }; FakeWebSocket.last().fire('message', { data: 'x' });");
            expect(s.json('got')).to.equal(origin);
          });
        }

        const bad = [
          ['ws://example.test/#', 'SyntaxError', 12],
          ['ws://example.test/chat#frag', 'SyntaxError', 12],
          ['ws://example.test:6667/', 'SecurityError', 18],
          ['wss://example.test:25/', 'SecurityError', 18],
          ['http://example.test:6000/', 'SecurityError', 18],
          ['ws://foo bar.test/', 'SyntaxError', 12],
          ['ws://a^b/', 'SyntaxError', 12],
          ['ws://a%zz/', 'SyntaxError', 12],
          ['/chat', 'SyntaxError', 12],
          ['chat', 'SyntaxError', 12],
          ['ftp://example.test/', 'SyntaxError', 12],
          ['ws://example.test:99999/', 'SyntaxError', 12],
          ['ws://exa mple.test/', 'SyntaxError', 12],
          ['ws://', 'SyntaxError', 12]
        ];
        for (const [input, name, code] of bad) {
          it(`${JSON.stringify(input)} → ${name} (${code}); the engine is never constructed`, function () {
            const s = loaded();
            expect(s.json(`__catch(function () { new WebSocket(${JSON.stringify(input)}); })`)).to.include({ ctor: 'DOMException', name, code, isError: true });
            expect(s.json('FakeWebSocket.instances.length')).to.equal(0);
          });
        }

        it('the own parser is in use (no URL class in the sandbox)', function () {
          const s = loaded();
          expect(s.json('[typeof URL, WebSocketShim.detect().features.urlConstructor]')).to.deep.equal(['undefined', false]);
        });

        it('a relative URL resolves against location.href where the runtime has one', function () {
          const s = loaded({ globals: { location: "{ href: 'https://example.test/app/page.html?x=1' }" } });
          s.run("var ws = new WebSocket('chat?room=2');");
          expect(s.json('FakeWebSocket.last().args')).to.deep.equal(['wss://example.test/app/chat?room=2']);
        });
      });

      describe('constructor: protocols', function () {
        const bad = [
          ["['chat', 'CHAT']", 'duplicates, ASCII case-insensitively'],
          ["['a', 'b', 'a']", 'duplicates'],
          ["['bad token']", 'not a token'],
          ["['']", 'empty'],
          ["'a,b'", 'a comma'],
          ["['\\u00e9']", 'non-ASCII']
        ];
        for (const [arg, why] of bad) {
          it(`${arg} (${why}) → SyntaxError (12); the engine is never constructed`, function () {
            const s = loaded();
            expect(s.json(`__catch(function () { new WebSocket('ws://example.test/', ${arg}); })`)).to.include({
              ctor: 'DOMException',
              name: 'SyntaxError',
              code: 12
            });
            expect(s.json('FakeWebSocket.instances.length')).to.equal(0);
          });
        }

        it('the engine gets exactly the arguments it needs', function () {
          const s = loaded();
          s.run("new WebSocket('ws://example.test/');");
          s.run("new WebSocket('ws://example.test/', []);");
          s.run("new WebSocket('ws://example.test/', 'chat');");
          s.run("new WebSocket('ws://example.test/', ['chat']);");
          s.run("new WebSocket('ws://example.test/', ['chat', 'Chat.v2']);");
          s.run("new WebSocket('ws://example.test/', { length: 1, 0: 'array-like' });");
          expect(s.json('FakeWebSocket.instances.map(function (f) { return f.args; })')).to.deep.equal([
            ['ws://example.test/'],
            ['ws://example.test/'],
            ['ws://example.test/', 'chat'],
            ['ws://example.test/', 'chat'],
            ['ws://example.test/', ['chat', 'Chat.v2']],
            ['ws://example.test/', 'array-like']
          ]);
        });
      });

      describe('events through the bundled EventTarget', function () {
        it('open, then message with origin, as the package own MessageEvent', function () {
          const s = loaded();
          s.run(`
            var ws = new WebSocket('ws://Example.test:8080/chat', 'chat'); var fake = FakeWebSocket.last(); var log = []; var events = [];
            ws.addEventListener('open', function (e) { log.push(['open', e.type, e.target === ws, ws.readyState, ws.protocol]); });
            ws.addEventListener('message', function (e) { events.push(e); log.push(['message', e.data, e.origin, e.lastEventId, e.source, e.ports.length, e.target === ws]); });
            fake.fire('message', { data: 'before open' });
            fake.protocol = 'chat';
            fake.fire('open');
            fake.fire('message', { data: 'hello' });
          `);
          expect(s.json('log')).to.deep.equal([
            ['open', 'open', true, 1, 'chat'],
            ['message', 'hello', 'ws://example.test:8080', '', null, 0, true]
          ]);
          expect(
            s.json('[events[0] instanceof MessageEvent, events[0] instanceof WebSocketShim.MessageEvent, events[0].constructor.name, fake.binaryType]')
          ).to.deep.equal([true, true, 'MessageEvent', 'arraybuffer']);
          // The package's own EventTarget is what the instance inherits from.
          expect(s.json('Object.getPrototypeOf(WebSocket.prototype).constructor.name')).to.equal('EventTarget');
          expect(s.json("[typeof ws.addEventListener, typeof ws.removeEventListener, typeof ws.dispatchEvent, typeof EventTarget]")).to.deep.equal([
            'function',
            'function',
            'function',
            'undefined'
          ]);
        });

        it('binary messages: ArrayBuffer for both binaryTypes (no Blob class here: the documented fallback)', function () {
          const s = opened();
          s.run(`
            var got = []; ws.onmessage = function (e) { got.push(__describe(e.data)); };
            var buf = new Uint8Array([1, 2, 250]).buffer;
            fake.fire('message', { data: buf });
            ws.binaryType = 'arraybuffer';
            ws.binaryType = 'nonsense';
            fake.fire('message', { data: buf });
          `);
          expect(s.json('got')).to.deep.equal([{ ArrayBuffer: [1, 2, 250] }, { ArrayBuffer: [1, 2, 250] }]);
          expect(s.json('ws.binaryType')).to.equal('arraybuffer');
        });

        it('listener order: registration order, a handler keeps its place, a throwing listener does not stop the others', async function () {
          const s = opened(undefined, 'ws://example.test/');
          s.run(`
            var log = [];
            ws.addEventListener('message', function () { log.push('a'); });
            ws.onmessage = function () { log.push('h1'); };
            ws.addEventListener('message', function () { throw new Error('boom'); });
            ws.addEventListener('message', { handleEvent: function (e) { log.push('c:' + e.data); } });
            ws.onmessage = function () { log.push('h2'); };
            fake.fire('message', { data: 1 });
            ws.onmessage = 'not a function';
            fake.fire('message', { data: 2 });
          `);
          expect(s.json('log')).to.deep.equal(['a', 'h2', 'c:1', 'a', 'c:2']);
          expect(s.json('ws.onmessage')).to.equal(null);
          // The listener's error is reported the host's way: thrown in a task of its own.
          await tick();
          expect(s.asyncErrors.map((e) => e.message)).to.deep.equal(['boom', 'boom']);
          s.asyncErrors.length = 0;
        });

        const closes = [
          ['a clean close with a code', "{ code: 1000, reason: 'done', wasClean: true }", [['close', 1000, 'done', true]]],
          ['a clean close without a status code (1005)', "{ code: 1005, reason: '', wasClean: true }", [['close', 1005, '', true]]],
          ['an engine reporting 0 for "no status"', "{ code: 0, reason: '', wasClean: true }", [['close', 1005, '', true]]],
          ['an engine reporting no code at all', "{ reason: '', wasClean: true }", [['close', 1005, '', true]]],
          ['abnormal closure', "{ code: 1006, reason: 'ignored', wasClean: false }", [['error'], ['close', 1006, '', false]]],
          ['an engine reporting 1006 without wasClean', '{ code: 1006 }', [['error'], ['close', 1006, '', false]]],
          ['an unclean close with a placeholder code', "{ code: 0, reason: '', wasClean: false }", [['error'], ['close', 1006, '', false]]]
        ];
        for (const [label, init, expected] of closes) {
          it(`close normalisation: ${label}`, async function () {
            const s = opened();
            s.run(`
              var log = [];
              ws.onerror = function (e) { log.push([e.type]); };
              ws.onclose = function (e) { log.push([e.type, e.code, e.reason, e.wasClean]); window_close = e; };
              var window_close;
              fake.fire('close', ${init});
            `);
            await tick();
            expect(s.json('log')).to.deep.equal(expected);
            expect(
              s.json('[window_close instanceof CloseEvent, window_close instanceof WebSocketShim.CloseEvent, window_close.constructor.name, ws.readyState]')
            ).to.deep.equal([true, true, 'CloseEvent', 3]);
          });
        }

        it('failure: error before close, each once (engine fires error, then close)', async function () {
          const s = opened();
          s.run(`
            var log = [];
            ws.addEventListener('error', function (e) { log.push([e.type, ws.readyState]); });
            ws.addEventListener('close', function (e) { log.push([e.type, e.code, e.wasClean, ws.readyState]); });
            fake.fire('error');
            fake.fire('close', { code: 1006, reason: '', wasClean: false });
          `);
          await tick(30);
          expect(s.json('log')).to.deep.equal([
            ['error', 3],
            ['close', 1006, false, 3]
          ]);
        });

        // Issue 9 (WHATWG "establish a WebSocket connection"): an engine that opens although the
        // server selected no protocol, or one not offered (ws 7, undici < 7.30, older browsers).
        for (const [label, asked, selected] of [
          ['protocols asked, none selected', "['a', 'b']", ''],
          ['a protocol not offered selected', "['a', 'b']", 'c'],
          ['none asked, one selected', '[]', 'a']
        ]) {
          it(`handshake: ${label} → no open; error, then close 1006; the engine socket is closed`, async function () {
            const s = loaded();
            s.run(`
              var log = [];
              var ws = new WebSocket('ws://example.test/', ${asked});
              var fake = FakeWebSocket.last();
              ws.onopen = function () { log.push('open'); };
              ws.onerror = function (e) { log.push([e.type, ws.readyState, ws.protocol]); };
              ws.onclose = function (e) { log.push([e.type, e.code, e.wasClean, ws.readyState, ws.protocol]); };
              fake.protocol = ${JSON.stringify(selected)};
              fake.fire('open');
            `);
            await tick(30);
            expect(s.json('log')).to.deep.equal([
              ['error', 3, ''],
              ['close', 1006, false, 3, '']
            ]);
            expect(s.json("fake.calls.filter(function (c) { return c.op === 'close'; }).length")).to.equal(1);
          });
        }

        it('failure: an engine that fires only error (undici) still gets error, then close 1006', async function () {
          const s = opened();
          s.run(`
            var log = [];
            ws.onerror = function (e) { log.push(e.type); };
            ws.onclose = function (e) { log.push(e.type + ':' + e.code + ':' + e.wasClean); };
            fake.fire('error');
          `);
          expect(s.json('log')).to.deep.equal([]);
          await tick(30);
          expect(s.json('log')).to.deep.equal(['error', 'close:1006:false']);
        });

        it('close() while CONNECTING fails the connection: CLOSING at once, the engine closed without arguments, then error and close 1006', async function () {
          const s = loaded();
          s.run(`
            var ws = new WebSocket('ws://example.test/'); var fake = FakeWebSocket.last(); var log = [];
            ws.onopen = function () { log.push('open'); };
            ws.onerror = function (e) { log.push(e.type + ':' + ws.readyState); };
            ws.onclose = function (e) { log.push(e.type + ':' + e.code + ':' + e.wasClean + ':' + ws.readyState); };
            ws.close();
            var stateAfterClose = ws.readyState;
          `);
          expect(s.json('[stateAfterClose, __calls(fake)]')).to.deep.equal([2, [{ op: 'close', args: [] }]]);
          await tick(30);
          s.run("fake.fire('open');"); // too late: ignored
          expect(s.json('log')).to.deep.equal(['error:3', 'close:1006:false:3']);
        });
      });

      describe('send()', function () {
        it('CONNECTING → InvalidStateError (11); OPEN: exact data to the engine, views as exactly their bytes', function () {
          const s = loaded();
          s.run("var ws = new WebSocket('ws://example.test/'); var fake = FakeWebSocket.last();");
          expect(s.json("__catch(function () { ws.send('early'); })")).to.include({ ctor: 'DOMException', name: 'InvalidStateError', code: 11 });
          s.run(`
            fake.fire('open');
            ws.send('text');
            ws.send(new Uint8Array([1, 2, 3, 4]).subarray(1, 3));
            ws.send(new Uint8Array([9, 8]).buffer);
            ws.send(new DataView(new Uint8Array([5, 6, 7]).buffer, 2, 1));
            ws.send(42);
            ws.send('\\ud83d\\ude00');
          `);
          expect(s.json('__calls(fake)')).to.deep.equal([
            { op: 'send', args: ['text'] },
            { op: 'send', args: [{ view: [2, 3] }] },
            { op: 'send', args: [{ ArrayBuffer: [9, 8] }] },
            { op: 'send', args: [{ view: [7] }] },
            { op: 'send', args: ['42'] },
            { op: 'send', args: ['\u{1F600}'] }
          ]);
          expect(s.json('__catch(function () { ws.send(); }).ctor')).to.equal('TypeError');
        });

        it('strict: an unpaired surrogate → SyntaxError (12), nothing sent', function () {
          const s = opened();
          expect(s.json("__catch(function () { ws.send('a\\ud800'); })")).to.include({ ctor: 'DOMException', name: 'SyntaxError', code: 12 });
          expect(s.json('__calls(fake)')).to.deep.equal([]);
        });

        it('CLOSING: no exception, nothing sent, bufferedAmount grows by the UTF-8 byte length', function () {
          const s = opened();
          s.run("ws.close(); ws.send('\\u00e9t\\u00e9'); ws.send(new Uint8Array(3));");
          expect(s.json('__calls(fake)')).to.deep.equal([{ op: 'close', args: [1000] }]);
          expect(s.json('ws.bufferedAmount')).to.equal(8);
        });
      });

      describe('modes', function () {
        it('strict (default): close() → engine close(1000)', function () {
          const s = opened();
          s.run('ws.close();');
          expect(s.json('[__calls(fake), fake.calls[0].args.length]')).to.deep.equal([[{ op: 'close', args: [1000] }], 1]);
        });

        it("WebSocketShimOptions = { mode: 'standard' } set before loading: close() → engine close() with no arguments", function () {
          const s = opened({ globals: { WebSocketShimOptions: "{ mode: 'standard' }" } });
          expect(s.json('WebSocketShim.detect().mode')).to.equal('standard');
          s.run('ws.close();');
          expect(s.json('[__calls(fake), fake.calls[0].args.length]')).to.deep.equal([[{ op: 'close', args: [] }], 0]);
        });

        it('standard: unpaired surrogates become U+FFFD in close reasons and sent text', function () {
          const s = opened({ globals: { WebSocketShimOptions: "{ mode: 'standard' }" } });
          s.run("ws.send('a\\ud800b'); ws.close(3000, '\\udc00');");
          expect(s.json('__calls(fake)')).to.deep.equal([
            { op: 'send', args: ['a\ufffdb'] },
            { op: 'close', args: [3000, '\ufffd'] }
          ]);
          // U+FFFD counts 3 bytes: 41 of them are 123 bytes, 42 are too many.
          const s2 = opened({ globals: { WebSocketShimOptions: "{ mode: 'standard' }" } });
          expect(s2.json(`__catch(function () { ws.close(1000, '${REPEAT('\\ud800', 42)}'); })`)).to.include({ name: 'SyntaxError', code: 12 });
          s2.run(`ws.close(1000, '${REPEAT('\\ud800', 41)}');`);
          expect(s2.json('__calls(fake)')).to.deep.equal([{ op: 'close', args: [1000, REPEAT('\ufffd', 41)] }]);
        });

        const documents = [
          [
            "document.currentScript.getAttribute('data-mode') === 'standard'",
            `{ currentScript: { getAttribute: function (n) { asked.push(n); return n === 'data-mode' ? 'standard' : null; } } }`,
            'standard',
            []
          ],
          [
            'no currentScript (IE): the last script element has data-mode="standard"',
            `{ currentScript: null, getElementsByTagName: function (t) { asked.push(t); return [
                { getAttribute: function () { return null; } },
                { getAttribute: function (n) { asked.push(n); return n === 'data-mode' ? 'standard' : null; } }
              ]; } }`,
            'standard',
            []
          ],
          [
            'a script tag without data-mode: strict',
            `{ currentScript: { getAttribute: function (n) { asked.push(n); return null; } } }`,
            'strict',
            [1000]
          ]
        ];
        for (const [label, doc, mode, closeArgs] of documents) {
          it(`data-mode: ${label}`, function () {
            const s = make();
            s.run('var asked = [];');
            s.run(`this.document = ${doc};`);
            s.load(file);
            expect(s.json('asked')).to.include('data-mode');
            expect(s.json('WebSocketShim.detect().mode')).to.equal(mode);
            s.run("var ws = new WebSocket('ws://example.test/'); var fake = FakeWebSocket.last(); fake.fire('open'); ws.close();");
            expect(s.json('__calls(fake)')).to.deep.equal([{ op: 'close', args: closeArgs }]);
          });
        }
      });

      describe('install marker', function () {
        it('loading the bundle twice installs once; uninstall() restores the engine exactly', function () {
          const s = make();
          s.run('var before = Object.getOwnPropertyDescriptor(this, "WebSocket");');
          s.load(file);
          s.run('var first = WebSocket; var firstApi = WebSocketShim;');
          s.load(file);
          expect(s.json('[WebSocket === first, WebSocketShim !== firstApi, WebSocketShim.install() === first]')).to.deep.equal([true, true, true]);
          expect(s.json('WebSocketShim.uninstall()')).to.equal(true);
          expect(
            s.json(`(function () {
              var now = Object.getOwnPropertyDescriptor(this, "WebSocket");
              return [now.value === before.value, now.writable === before.writable, now.enumerable === before.enumerable,
                now.configurable === before.configurable, typeof CloseEvent, typeof MessageEvent];
            }).call(this)`)
          ).to.deep.equal([true, true, true, true, 'undefined', 'undefined']);
          expect(s.json('[WebSocket === FakeWebSocket, WebSocketShim.uninstall(), WebSocketShim.detect().installed]')).to.deep.equal([
            true,
            false,
            false
          ]);
        });

        it("install({ mode: 'standard' }) after the script tag's strict install: a standard class on the same engine; WebSocketShim.WebSocket follows", function () {
          const s = loaded();
          s.run("var Strict = WebSocket; var Standard = WebSocketShim.install({ mode: 'standard' });");
          expect(s.json('[Standard !== Strict, WebSocket === Standard, WebSocketShim.WebSocket === Standard, WebSocketShim.detect().mode]')).to.deep.equal([true, true, true, 'standard']);
          s.run("var ws = new WebSocket('ws://example.test/'); FakeWebSocket.last().fire('open'); ws.close();");
          expect(s.json('__calls(FakeWebSocket.last())')).to.deep.equal([{ op: 'close', args: [] }]);
          expect(s.json('[WebSocketShim.uninstall(), WebSocket === FakeWebSocket]')).to.deep.equal([true, true]);
        });

        // QtWebKit 5.212 (Debian's python3-pyqt5.qtwebkit; Safari 10-era WebKit), measured by hand:
        // typeof DOMException 'function', `new DOMException(...)` a TypeError, its prototype reaching
        // Error.prototype. The package's class presents itself as that one (issue 11).
        it('a DOMException that exists but cannot be constructed (QtWebKit 5.212): errors are instanceof it, constructor it, still instanceof Error', function () {
          const s = make({
            globals: {
              DOMException:
                "(function () { function DOMException() { throw new TypeError('function is not a constructor'); } DOMException.prototype = Object.create(Error.prototype, { constructor: { value: DOMException, writable: true, configurable: true } }); return DOMException; })()"
            }
          });
          s.load(file);
          expect(s.json("__catch(function () { new DOMException('m', 'SyntaxError'); }).name")).to.equal('TypeError');
          s.run("var e1 = null; try { new WebSocket('ftp://example.test/'); } catch (x) { e1 = x; }");
          expect(s.json('[e1.name, e1.code, e1 instanceof DOMException, e1.constructor === DOMException, e1 instanceof Error, String(e1).indexOf("SyntaxError: ") === 0]')).to.deep.equal([
            'SyntaxError', 12, true, true, true, true
          ]);
          s.run("var ws = new WebSocket('ws://example.test/'); var e2 = null; try { ws.send('x'); } catch (x) { e2 = x; }");
          expect(s.json('[e2.name, e2.code, e2 instanceof DOMException, e2.constructor === DOMException]')).to.deep.equal(['InvalidStateError', 11, true, true]);
          expect(s.json('WebSocketShim.detect().features.constructibleDOMException')).to.equal(false);
        });

        it('with no engine at all it installs nothing (feature tests still see no WebSocket), and WebSocketShim.WebSocket says there is nothing to wrap', function () {
          const s = make({ fake: false });
          s.load(file);
          expect(s.json('[typeof WebSocket, typeof WebSocketShim, WebSocketShim.detect().native, WebSocketShim.detect().installed]')).to.deep.equal(['undefined', 'object', 'none', false]);
          expect(s.json("__catch(function () { new WebSocketShim.WebSocket('ws://example.test/'); })")).to.include({ name: 'NotSupportedError', code: 9 });
        });
      });
    });
  }
}
