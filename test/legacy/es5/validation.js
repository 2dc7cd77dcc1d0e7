// The shim's validation logic in a bare ES5 engine (Part A). ES5 only; runs after host.js and
// the UMD bundle. Every expectation comes from SPEC.md §2–§3, not from the shim's output.
// Prints one line: RESULT {"engine":..,"passed":N,"failed":M,"skipped":[..],"failures":[..],"host":{..}}
(function (global) {
  var host = global.__host;
  var passed = 0;
  var failed = 0;
  var failures = [];
  var skipped = [];
  var current = '';
  var slice = Array.prototype.slice;
  var hasBinary = typeof ArrayBuffer === 'function' && typeof Uint8Array === 'function';

  function str(v) {
    if (typeof v === 'string') return '"' + v + '"';
    try {
      return JSON.stringify(v);
    } catch (e) {
      return String(v);
    }
  }
  function fail(message) {
    throw { assertion: true, message: message };
  }
  function eq(actual, expected, what) {
    if (actual !== expected) fail((what || 'value') + ': expected ' + str(expected) + ', got ' + str(actual));
  }
  function same(actual, expected, what) {
    var a = describe(actual);
    var b = describe(expected);
    if (JSON.stringify(a) !== JSON.stringify(b)) fail((what || 'value') + ': expected ' + JSON.stringify(b) + ', got ' + JSON.stringify(a));
  }
  function ok(cond, what) {
    if (!cond) fail(what);
  }
  /** JSON-able view: buffers and views as their bytes. */
  function describe(v) {
    var tag = Object.prototype.toString.call(v).slice(8, -1);
    if (v === undefined) return { undefined: true };
    if (tag === 'ArrayBuffer') return { bytes: slice.call(new Uint8Array(v)) };
    if (v && typeof v === 'object' && typeof v.byteLength === 'number' && v.buffer) {
      return { bytes: slice.call(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    }
    if (tag === 'Array') {
      var out = [];
      for (var i = 0; i < v.length; i++) out.push(describe(v[i]));
      return out;
    }
    return v;
  }
  /** Runs fn and checks it throws a DOMException `name` with legacy `code` (or TypeError). */
  function throwsDOM(fn, name, code, what) {
    var caught = null;
    try {
      fn();
    } catch (e) {
      caught = e;
    }
    if (caught === null) fail((what || '') + ' expected ' + name + ', nothing thrown');
    if (caught && caught.assertion) throw caught;
    eq(caught.name, name, (what || '') + ' error name');
    if (name === 'TypeError') {
      ok(caught instanceof TypeError, (what || '') + ' instanceof TypeError');
      return caught;
    }
    eq(caught.code, code, (what || '') + ' legacy code of ' + name);
    ok(caught instanceof Error, (what || '') + ' ' + name + ' instanceof Error');
    eq(typeof caught.message, 'string', (what || '') + ' message type');
    ok(caught.message.length > 0, (what || '') + ' message is not empty');
    return caught;
  }
  function test(name, fn) {
    current = name;
    try {
      fn();
      host.drain();
      passed++;
    } catch (e) {
      failed++;
      failures.push({ name: name, message: e && e.assertion ? e.message : 'threw ' + String(e && e.stack ? e.stack : e) });
    }
  }
  function binaryTest(name, fn) {
    if (!hasBinary) {
      skipped.push(name);
      return;
    }
    test(name, fn);
  }
  function repeat(s, n) {
    return new Array(n + 1).join(s);
  }

  var Shim = global.WebSocketShim;
  var FakeWebSocket = global.FakeWebSocket;
  var URL_ = 'ws://example.test:8080/chat';

  /** A shim socket (class C, default the installed one) and its engine double, opened. */
  function opened(C) {
    var ws = new (C || global.WebSocket)(URL_);
    var fake = FakeWebSocket.last();
    fake.fire('open');
    eq(ws.readyState, 1, 'readyState after open');
    return { ws: ws, fake: fake };
  }
  function calls(fake, op) {
    var out = [];
    for (var i = 0; i < fake.calls.length; i++) if (fake.calls[i].op === op) out.push(fake.calls[i].args);
    return out;
  }
  var Standard = null;
  function standard() {
    if (!Standard) Standard = Shim.createWebSocketClass({ mode: 'standard' });
    return Standard;
  }

  // --- install -----------------------------------------------------------------------
  test('install: WebSocketShim global, WebSocket replaced, the double kept as the engine', function () {
    eq(typeof Shim, 'object', 'typeof WebSocketShim');
    ok(global.WebSocket !== FakeWebSocket, 'WebSocket replaced');
    eq(Shim.install(), global.WebSocket, 'install() is idempotent and returns the installed class');
    var before = FakeWebSocket.instances.length;
    var ws = new global.WebSocket('ws://example.test/');
    eq(FakeWebSocket.instances.length, before + 1, 'one engine socket per shim socket');
    same(FakeWebSocket.last().args, ['ws://example.test/'], 'engine constructor arguments');
    ok(ws instanceof global.WebSocket, 'instanceof WebSocket');
    ok(!(ws instanceof FakeWebSocket), 'not an engine object');
  });
  test('constants on the constructor and the prototype', function () {
    var names = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
    for (var i = 0; i < names.length; i++) {
      eq(global.WebSocket[names[i]], i, 'WebSocket.' + names[i]);
      eq(global.WebSocket.prototype[names[i]], i, 'WebSocket.prototype.' + names[i]);
    }
  });
  test('detect(): the ES5 host as it is (own EventTarget, events, DOMException)', function () {
    var r = Shim.detect();
    eq(r.installed, true, 'installed');
    eq(r.mode, 'strict', 'mode');
    eq(r.native, 'WebSocket', 'native');
    eq(r.backend, 'browser', 'backend');
    eq(r.features.constructibleEventTarget, false, 'constructibleEventTarget');
    eq(r.features.constructibleDOMException, false, 'constructibleDOMException');
    eq(r.features.urlConstructor, false, 'urlConstructor');
    eq(r.features.promise, typeof Promise === 'function', 'promise');
    eq(r.features.symbol, typeof Symbol === 'function', 'symbol');
    eq(r.features.weakMap, typeof WeakMap === 'function', 'weakMap');
    eq(r.features.textEncoder, typeof TextEncoder === 'function', 'textEncoder');
    eq(r.features.blob, false, 'blob');
    var quirks = ',' + r.quirks.join(',') + ',';
    ok(quirks.indexOf(',noConstructibleEventTarget,') !== -1, 'quirk noConstructibleEventTarget');
    ok(quirks.indexOf(',noConstructibleDOMException,') !== -1, 'quirk noConstructibleDOMException');
  });

  // --- close(): [Clamp] unsigned short conversion and the code check (SPEC §2) ----------
  var SENT = [
    [[1000], [1000]],
    [[1000.4], [1000]],
    [[1000.5], [1000]], // ties to even
    [[2999.5], [3000]], // ties to even
    [[3000.5], [3000]],
    [[3001.5], [3002]],
    [[3001.3], [3001]],
    [[4999.4], [4999]],
    [['1000'], [1000]],
    [[' 3000 '], [3000]],
    [[{ valueOf: function () { return 4000; } }], [4000]],
    [[undefined, 'bye'], [1000, 'bye']], // reason without code: 1000 + reason
    [[3000, ''], [3000, '']]
  ];
  test('close(): [Clamp] conversion, round half to even, the engine gets exactly the arguments', function () {
    for (var i = 0; i < SENT.length; i++) {
      var s = opened();
      s.ws.close.apply(s.ws, SENT[i][0]);
      same(calls(s.fake, 'close'), [SENT[i][1]], 'close(' + str(SENT[i][0]) + ') engine call');
      eq(s.ws.readyState, 2, 'readyState after close(' + str(SENT[i][0]) + ')');
    }
  });
  var INVALID = [[1000.7], [4999.5], [NaN], [null], ['text'], [{}], [-1], [66536], [Infinity], [0], [1001], [1005], [1006], [2999], [5000], [true]];
  test('close(): codes that are neither 1000 nor 3000–4999 → InvalidAccessError (15), engine untouched', function () {
    for (var i = 0; i < INVALID.length; i++) {
      var s = opened();
      throwsDOM(function () { s.ws.close.apply(s.ws, INVALID[i]); }, 'InvalidAccessError', 15, 'close(' + str(INVALID[i]) + ')');
      eq(s.fake.calls.length, 0, 'no engine call for close(' + str(INVALID[i]) + ')');
      eq(s.ws.readyState, 1, 'still OPEN after close(' + str(INVALID[i]) + ')');
    }
  });
  test('close() with neither code nor reason: strict sends 1000, standard no body', function () {
    var s = opened();
    s.ws.close();
    same(calls(s.fake, 'close'), [[1000]], 'strict close()');
    s = opened();
    s.ws.close(undefined);
    same(calls(s.fake, 'close'), [[1000]], 'strict close(undefined)');
    s = opened(standard());
    s.ws.close();
    same(calls(s.fake, 'close'), [[]], 'standard close()');
  });

  // --- close(): reason byte counting (SPEC §2: UTF-8 bytes, not characters) ------------
  var E = '\u00e9'; // é: 2 bytes
  var EURO = '\u20ac'; // €: 3 bytes
  var SMILE = '\ud83d\ude00'; // 😀: 4 bytes, 2 UTF-16 units
  var REASONS_OK = [repeat('a', 123), repeat(E, 61) + 'a', repeat(EURO, 41), repeat(SMILE, 30) + 'abc'];
  var REASONS_LONG = [repeat('a', 124), repeat(E, 62), repeat(EURO, 41) + 'a', repeat(SMILE, 31)];
  test('close(): reasons of 123 UTF-8 bytes are sent as they are', function () {
    for (var i = 0; i < REASONS_OK.length; i++) {
      var s = opened();
      s.ws.close(1000, REASONS_OK[i]);
      same(calls(s.fake, 'close'), [[1000, REASONS_OK[i]]], 'reason #' + i + ' (' + REASONS_OK[i].length + ' units)');
    }
  });
  test('close(): 124 UTF-8 bytes → SyntaxError (12), with or without a code', function () {
    for (var i = 0; i < REASONS_LONG.length; i++) {
      var s = opened();
      throwsDOM(function () { s.ws.close(1000, REASONS_LONG[i]); }, 'SyntaxError', 12, 'reason #' + i);
      throwsDOM(function () { s.ws.close(undefined, REASONS_LONG[i]); }, 'SyntaxError', 12, 'reason #' + i + ' without a code');
      eq(s.fake.calls.length, 0, 'no engine call');
    }
  });
  test('close(): the code is checked before the reason', function () {
    var s = opened();
    throwsDOM(function () { s.ws.close(2999, repeat('a', 200)); }, 'InvalidAccessError', 15);
  });
  test('close(): arguments are validated on a CLOSED socket too, then nothing happens', function () {
    var s = opened();
    s.fake.fire('close', { code: 1000, reason: '', wasClean: true });
    eq(s.ws.readyState, 3, 'CLOSED');
    throwsDOM(function () { s.ws.close(2999); }, 'InvalidAccessError', 15, 'close(2999)');
    throwsDOM(function () { s.ws.close(1000, repeat(E, 62)); }, 'SyntaxError', 12, 'long reason');
    s.ws.close(1000);
    eq(s.fake.calls.length, 0, 'engine untouched');
  });

  // --- unpaired surrogates (SPEC §3) ----------------------------------------------------
  test('strict: an unpaired surrogate in a close reason or send() → SyntaxError; pairs pass', function () {
    var s = opened();
    throwsDOM(function () { s.ws.close(1000, 'a\ud800'); }, 'SyntaxError', 12, 'lone high');
    throwsDOM(function () { s.ws.close(1000, '\udc00b'); }, 'SyntaxError', 12, 'lone low');
    throwsDOM(function () { s.ws.close(1000, '\udc00\ud800'); }, 'SyntaxError', 12, 'reversed pair');
    throwsDOM(function () { s.ws.send('a\ud800b'); }, 'SyntaxError', 12, 'send');
    eq(s.fake.calls.length, 0, 'engine untouched');
    s.ws.send(SMILE);
    s.ws.close(1000, SMILE);
    same(s.fake.calls.length, 2, 'pairs go through');
    same(calls(s.fake, 'send'), [[SMILE]], 'send of a pair');
    same(calls(s.fake, 'close'), [[1000, SMILE]], 'close with a pair');
  });
  test('standard: unpaired surrogates become U+FFFD (3 bytes, counted)', function () {
    var s = opened(standard());
    s.ws.send('a\ud800b');
    s.ws.close(1000, 'a\udc00');
    same(calls(s.fake, 'send'), [['a\ufffdb']], 'send');
    same(calls(s.fake, 'close'), [[1000, 'a\ufffd']], 'close');
    s = opened(standard());
    s.ws.close(1000, repeat(EURO, 40) + '\ud800'); // 120 + 3 = 123 bytes
    same(calls(s.fake, 'close'), [[1000, repeat(EURO, 40) + '\ufffd']], '123 bytes with the replacement');
    s = opened(standard());
    throwsDOM(function () { s.ws.close(1000, repeat(EURO, 41) + '\ud800'); }, 'SyntaxError', 12, '126 bytes with the replacement');
  });
  test('send() while CONNECTING → InvalidStateError (11), before the surrogate check', function () {
    var ws = new global.WebSocket(URL_);
    throwsDOM(function () { ws.send('x'); }, 'InvalidStateError', 11, 'send');
    throwsDOM(function () { ws.send('\ud800'); }, 'InvalidStateError', 11, 'send lone surrogate');
  });

  // --- constructor: URL and protocols -------------------------------------------------
  test('constructor: bad scheme, fragment, unparsable → SyntaxError; bad port → SecurityError (18)', function () {
    var before = FakeWebSocket.instances.length;
    throwsDOM(function () { new global.WebSocket('ftp://example.test/'); }, 'SyntaxError', 12, 'ftp:');
    throwsDOM(function () { new global.WebSocket('ws://example.test/#'); }, 'SyntaxError', 12, 'empty fragment');
    throwsDOM(function () { new global.WebSocket('ws://example.test/#x'); }, 'SyntaxError', 12, 'fragment');
    throwsDOM(function () { new global.WebSocket('ws://127.0.0.1:65536/'); }, 'SyntaxError', 12, 'port 65536');
    throwsDOM(function () { new global.WebSocket('ws://example.test:1/'); }, 'SecurityError', 18, 'port 1');
    throwsDOM(function () { new global.WebSocket('ws://example.test:6667/'); }, 'SecurityError', 18, 'port 6667');
    throwsDOM(function () { new global.WebSocket(); }, 'TypeError', 0, 'no argument');
    eq(FakeWebSocket.instances.length, before, 'no engine socket was created');
  });
  // Each [input, serialized]: the socket's url, and the one URL the engine was given.
  function expectURLs(cases) {
    for (var i = 0; i < cases.length; i++) {
      var ws = new global.WebSocket(cases[i][0]);
      eq(ws.url, cases[i][1], 'url of ' + cases[i][0]);
      same(FakeWebSocket.last().args, [cases[i][1]], 'engine URL for ' + cases[i][0]);
    }
  }
  test('constructor: http(s) → ws(s), serialized, the engine gets the serialized URL', function () {
    var cases = [
      ['http://example.test/a/../b?x=1', 'ws://example.test/b?x=1'],
      ['HTTPS://Example.TEST:443/', 'wss://example.test/'],
      ['WS://example.test:80/p', 'ws://example.test/p'],
      ['wss://example.test:8443', 'wss://example.test:8443/']
    ];
    expectURLs(cases);
  });
  test('constructor: hosts as the URL Standard parses them, on engines without a URL class (the own parser)', function () {
    // Expected values: the URL Standard's host parser (IPv4 number forms, percent-decoding,
    // IPv6 serialization), as Node's URL gives them; none of these engines has a URL class.
    var cases = [
      ['ws://0x7f.1/', 'ws://127.0.0.1/'],
      ['ws://1.2.3/', 'ws://1.2.0.3/'],
      ['ws://4294967295/', 'ws://255.255.255.255/'],
      ['ws://%30x7f.%31/', 'ws://127.0.0.1/'],
      ['ws://ex%41mple.test/', 'ws://example.test/'],
      ['ws://[0:0:0:0:0:0:0:1]/', 'ws://[::1]/'],
      ['ws://[1:0:0:2:0:0:0:3]/', 'ws://[1:0:0:2::3]/'],
      ['ws://[::ffff:1.2.3.4]/', 'ws://[::ffff:102:304]/']
    ];
    expectURLs(cases);
    var before = FakeWebSocket.instances.length;
    var bad = ['ws://256.0.0.1/', 'ws://1.2.3.4.5/', 'ws://0x100000000/', 'ws://[:::]/', 'ws://a\ufffdb/', 'ws://a%ed%a0%80/'];
    for (var j = 0; j < bad.length; j++) {
      (function (u) {
        throwsDOM(function () { new global.WebSocket(u); }, 'SyntaxError', 12, u);
      })(bad[j]);
    }
    eq(FakeWebSocket.instances.length, before, 'no engine socket was created');
  });
  test('constructor: a relative URL → SyntaxError without a base; resolved against location', function () {
    throwsDOM(function () { new global.WebSocket('/x'); }, 'SyntaxError', 12, 'no base');
    global.location = { href: 'http://example.test/dir/page.html' };
    try {
      var ws = new global.WebSocket('x?y=1');
      eq(ws.url, 'ws://example.test/dir/x?y=1', 'resolved against location.href');
    } finally {
      delete global.location;
    }
  });
  test('constructor: protocols (token, duplicates case-insensitively, string means [string])', function () {
    new global.WebSocket(URL_, 'chat');
    same(FakeWebSocket.last().args, [URL_, 'chat'], 'one protocol');
    new global.WebSocket(URL_, ['chat', 'super']);
    same(FakeWebSocket.last().args, [URL_, ['chat', 'super']], 'two protocols');
    new global.WebSocket(URL_, []);
    same(FakeWebSocket.last().args, [URL_], 'no protocol: no second argument');
    var before = FakeWebSocket.instances.length;
    throwsDOM(function () { new global.WebSocket(URL_, ['a b']); }, 'SyntaxError', 12, 'space');
    throwsDOM(function () { new global.WebSocket(URL_, ['']); }, 'SyntaxError', 12, 'empty');
    throwsDOM(function () { new global.WebSocket(URL_, '\u00e9'); }, 'SyntaxError', 12, 'non-ASCII');
    throwsDOM(function () { new global.WebSocket(URL_, ['chat', 'CHAT']); }, 'SyntaxError', 12, 'duplicate, other case');
    eq(FakeWebSocket.instances.length, before, 'no engine socket for invalid protocols');
  });

  // --- DOMException shape -------------------------------------------------------------
  test('DOMException: name, message, legacy code, constants, instanceof Error, toString', function () {
    var e = throwsDOM(function () { new global.WebSocket('ftp://x/'); }, 'SyntaxError', 12);
    eq(String(e), 'SyntaxError: ' + e.message, 'String(e)');
    eq(typeof e.constructor, 'function', 'constructor');
    eq(e.SYNTAX_ERR, 12, 'SYNTAX_ERR on the prototype');
    eq(e.INVALID_ACCESS_ERR, 15, 'INVALID_ACCESS_ERR on the prototype');
    eq(e.constructor.INVALID_STATE_ERR, 11, 'INVALID_STATE_ERR on the constructor');
    var e2 = new e.constructor('m', 'InvalidAccessError');
    eq(e2.code, 15, 'constructed code');
    eq(e2.message, 'm', 'constructed message');
    ok(e2 instanceof Error, 'constructed instanceof Error');
    eq(new e.constructor('m', 'NoSuchName').code, 0, 'unknown name: code 0');
  });

  // --- send() -------------------------------------------------------------------------
  test('send(): strings as they are, other values ToString, no argument → TypeError', function () {
    var s = opened();
    s.ws.send('h\u00e9llo \u20ac');
    s.ws.send(123);
    s.ws.send(null);
    s.ws.send({ toString: function () { return 'obj'; } });
    same(calls(s.fake, 'send'), [['h\u00e9llo \u20ac'], ['123'], ['null'], ['obj']], 'engine sends');
    throwsDOM(function () { s.ws.send(); }, 'TypeError', 0, 'no argument');
  });
  test('send() after close: no exception, no engine call, bufferedAmount += UTF-8 bytes', function () {
    var s = opened();
    s.ws.close(1000);
    s.fake.fire('close', { code: 1000, reason: '', wasClean: true });
    var before = s.ws.bufferedAmount;
    s.ws.send('h\u00e9llo');
    eq(s.ws.bufferedAmount - before, 6, 'bytes of "héllo"');
    s.ws.send(SMILE);
    eq(s.ws.bufferedAmount - before, 10, '+4 for a surrogate pair');
    eq(calls(s.fake, 'send').length, 0, 'nothing handed to the engine');
  });
  binaryTest('send(): ArrayBuffer and views (only the viewed bytes) as binary', function () {
    var s = opened();
    var buf = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]).buffer;
    s.ws.send(buf);
    s.ws.send(new Uint8Array(buf, 2, 3));
    if (typeof DataView === 'function') s.ws.send(new DataView(buf, 6, 2));
    var sent = calls(s.fake, 'send');
    same(sent[0], [buf], 'ArrayBuffer');
    same(sent[1], [new Uint8Array([2, 3, 4])], 'Uint8Array view');
    if (typeof DataView === 'function') same(sent[2], [new Uint8Array([6, 7])], 'DataView');
    s.ws.close(1000);
    s.fake.fire('close', { code: 1000, reason: '', wasClean: true });
    var before = s.ws.bufferedAmount;
    s.ws.send(new Uint8Array(5));
    eq(s.ws.bufferedAmount - before, 5, 'after close: +byteLength');
  });

  // --- binaryType -----------------------------------------------------------------------
  test('binaryType: default blob, invalid values ignored without an exception', function () {
    var ws = new global.WebSocket(URL_);
    eq(ws.binaryType, 'blob', 'default');
    ws.binaryType = 'nodebuffer';
    eq(ws.binaryType, 'blob', 'nodebuffer ignored');
    ws.binaryType = 'arraybuffer';
    eq(ws.binaryType, 'arraybuffer', 'arraybuffer');
    ws.binaryType = 'Blob';
    eq(ws.binaryType, 'arraybuffer', 'Blob (wrong case) ignored');
  });
  binaryTest('binary messages: ArrayBuffer; with binaryType blob and no Blob class, ArrayBuffer (documented)', function () {
    var s = opened();
    var got = [];
    s.ws.onmessage = function (ev) { got.push(ev.data); };
    s.ws.binaryType = 'arraybuffer';
    s.fake.fire('message', { data: new Uint8Array([1, 2, 3]).buffer });
    s.ws.binaryType = 'blob';
    s.fake.fire('message', { data: new Uint8Array([4]).buffer });
    host.drain();
    eq(got.length, 2, 'two messages');
    same(got[0], new Uint8Array([1, 2, 3]).buffer, 'arraybuffer');
    same(got[1], new Uint8Array([4]).buffer, 'blob without Blob: ArrayBuffer');
    ok(Shim.detect().unsupported.join('|').indexOf('blobMessages') !== -1, 'detect() says blobMessages');
  });

  // --- events through the bundled EventTarget -----------------------------------------
  test('events: open then message (MessageEvent fields) then close (CloseEvent fields)', function () {
    var ws = new global.WebSocket(URL_);
    var fake = FakeWebSocket.last();
    var seen = [];
    var msg = null;
    var closeEv = null;
    ws.onopen = function (ev) { seen.push('open:' + ev.type + ':' + (ev.target === ws) + ':' + ws.readyState); };
    ws.onmessage = function (ev) { seen.push('message'); msg = ev; };
    ws.onerror = function () { seen.push('error'); };
    ws.onclose = function (ev) { seen.push('close:' + ws.readyState); closeEv = ev; };
    fake.fire('open');
    fake.fire('message', { data: 'hi' });
    fake.fire('close', { code: 4001, reason: 'bye', wasClean: true });
    host.drain();
    same(seen, ['open:open:true:1', 'message', 'close:3'], 'sequence');
    eq(msg.data, 'hi', 'data');
    eq(msg.origin, 'ws://example.test:8080', 'origin');
    eq(msg.lastEventId, '', 'lastEventId');
    eq(msg.source, null, 'source');
    eq(msg.ports.length, 0, 'ports');
    ok(msg instanceof Shim.MessageEvent, 'instanceof MessageEvent');
    ok(closeEv instanceof Shim.CloseEvent, 'instanceof CloseEvent');
    same([closeEv.code, closeEv.reason, closeEv.wasClean], [4001, 'bye', true], 'close fields');
  });
  test('events: inbound close codes normalized (0/undefined → 1005; failure → error, 1006 "")', function () {
    var s = opened();
    var codes = [];
    s.ws.onclose = function (ev) { codes.push(ev.code + ' "' + ev.reason + '" ' + ev.wasClean); };
    s.fake.fire('close', { code: 0, reason: '', wasClean: true });
    s = opened();
    s.ws.onclose = function (ev) { codes.push(ev.code + ' "' + ev.reason + '" ' + ev.wasClean); };
    s.fake.fire('close', { wasClean: true });
    s = opened();
    var seq = [];
    s.ws.addEventListener('error', function () { seq.push('error'); });
    s.ws.addEventListener('close', function (ev) { seq.push('close ' + ev.code + ' "' + ev.reason + '" ' + ev.wasClean); });
    s.fake.fire('error');
    s.fake.fire('close', { code: 1006, reason: 'native text', wasClean: false });
    host.drain();
    same(codes, ['1005 "" true', '1005 "" true'], 'no status code');
    same(seq, ['error', 'close 1006 "" false'], 'failure');
  });
  test('events: close() while CONNECTING → CLOSING, then error and close 1006 in later tasks', function () {
    var ws = new global.WebSocket(URL_);
    var fake = FakeWebSocket.last();
    var seq = [];
    ws.addEventListener('error', function () { seq.push('error'); });
    ws.addEventListener('close', function (ev) { seq.push('close ' + ev.code + ' ' + ev.wasClean + ' ' + ws.readyState); });
    ws.close();
    eq(ws.readyState, 2, 'CLOSING at once');
    eq(seq.length, 0, 'no event inside close()');
    host.drain();
    same(seq, ['error', 'close 1006 false 3'], 'events');
    same(calls(fake, 'close'), [[]], 'the engine connection is failed with close() and no arguments');
  });
  test('events: messages are delivered only while OPEN', function () {
    var s = opened();
    var got = [];
    s.ws.onmessage = function (ev) { got.push(ev.data); };
    s.fake.fire('message', { data: 'a' });
    s.ws.close(1000);
    s.fake.fire('message', { data: 'while closing' });
    host.drain();
    same(got, ['a'], 'messages');
  });
  test('EventTarget: order, handler position kept, once, remove, handleEvent, duplicates', function () {
    var s = opened();
    var order = [];
    var obj = { handleEvent: function (ev) { order.push('obj:' + (this === obj) + ':' + ev.type); } };
    function a() { order.push('a'); }
    function b() { order.push('b'); }
    s.ws.addEventListener('message', a);
    s.ws.onmessage = function () { order.push('h1'); };
    s.ws.addEventListener('message', b);
    s.ws.addEventListener('message', b);
    s.ws.addEventListener('message', obj);
    s.ws.addEventListener('message', function () { order.push('once'); }, { once: true });
    s.ws.onmessage = function () { order.push('h2'); };
    s.fake.fire('message', { data: '1' });
    s.ws.removeEventListener('message', a);
    s.fake.fire('message', { data: '2' });
    s.ws.onmessage = 'not a function';
    eq(s.ws.onmessage, null, 'non-function handler stored as null');
    s.fake.fire('message', { data: '3' });
    host.drain();
    same(order, ['a', 'h2', 'b', 'obj:true:message', 'once', 'h2', 'b', 'obj:true:message', 'b', 'obj:true:message'], 'order');
  });
  test('EventTarget: a throwing listener does not stop the others; its error is reported', function () {
    var s = opened();
    var order = [];
    var boom = new Error('boom');
    s.ws.addEventListener('message', function () { order.push(1); throw boom; });
    s.ws.addEventListener('message', function () { order.push(2); });
    var before = host.uncaught.length;
    s.fake.fire('message', { data: 'x' });
    host.drain();
    same(order, [1, 2], 'both listeners ran');
    eq(host.uncaught.length - before, 1, 'one uncaught error reported');
    eq(host.uncaught[host.uncaught.length - 1], boom, 'the thrown error');
    host.uncaught.length = before;
  });
  test('dispatchEvent and the package events: CloseEvent defaults, MessageEvent init', function () {
    var ws = new global.WebSocket(URL_);
    var got = null;
    ws.addEventListener('close', function (ev) { got = ev; });
    var ev = new global.CloseEvent('close', { code: 3000 });
    eq(ws.dispatchEvent(ev), true, 'dispatchEvent returns true');
    eq(got, ev, 'listener got the event');
    eq(got.target, ws, 'target');
    var d = new global.CloseEvent('close');
    same([d.code, d.reason, d.wasClean], [0, '', false], 'CloseEvent defaults');
    var m = new global.MessageEvent('message', { data: 1, origin: 'ws://a' });
    same([m.data, m.origin, m.lastEventId, m.source, m.ports.length], [1, 'ws://a', '', null, 0], 'MessageEvent init');
  });

  // --- uninstall ------------------------------------------------------------------------
  test('uninstall() restores the engine; install() again wraps it again', function () {
    var Installed = global.WebSocket;
    eq(Shim.uninstall(), true, 'uninstall()');
    eq(global.WebSocket, FakeWebSocket, 'restored');
    var again = Shim.install();
    ok(again !== FakeWebSocket && again === global.WebSocket, 'installed again');
    ok(again !== Installed, 'a new class');
    eq(Shim.install(), again, 'idempotent');
  });

  host.print(
    'RESULT ' +
      JSON.stringify({
        engine: host.engine,
        passed: passed,
        failed: failed,
        skipped: skipped,
        failures: failures,
        uncaught: host.uncaught.length,
        host: {
          arrayBuffer: typeof ArrayBuffer === 'function',
          promise: typeof Promise === 'function',
          symbol: typeof Symbol === 'function',
          map: typeof Map === 'function',
          weakMap: typeof WeakMap === 'function',
          textEncoder: typeof TextEncoder === 'function',
          reflect: typeof Reflect === 'object',
          globalThis: typeof globalThis === 'object'
        }
      })
  );
})(this);
