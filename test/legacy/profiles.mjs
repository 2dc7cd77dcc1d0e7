// Part B: profiles of the historical WebSocket engines. Each profile is
//   globals   what the engine's page (or runtime) had: the ES built-ins it lacked (`remove`),
//             the web classes (`web`: 'native' = constructible, 'stub' = an interface object
//             that cannot be constructed, 'object' = IE's URL), navigator, document, location
//   engine    the engine double's spec (support/engine-double.mjs): that engine's documented
//             WebSocket behaviour, every choice cited with its QUIRKS.md row
//   detect    what the shim's detect() must report there (backend, quirks, unsupported)
//   cannot    what the engine cannot do at all (SPEC §4): the conformance check, the mode(s),
//             and the documented loud outcome it must give instead of SPEC's
//   rawFails  checks the bare engine (without the shim) fails: proof the double reproduces
//             the quirks, so that the shim's passing them means something
//   normalizes / limits   the README compatibility table (test/legacy/readme-table.mjs)
//   build     'npm' for the runtimes (React Native, Deno, Bun): no script tags there, so the
//             profile loads the package's generic build (dist/websocket-shim.cjs, what Metro
//             bundles); the script-tag builds refuse them loudly (profiles.test.mjs)
//
// Tags as in QUIRKS.md: [C] confirmed in source, [D] documented, [I] inferred.
import { CHECKS } from '../../conformance/checks.mjs';

// ES built-ins by the version that added them (the vm context has all of them).
const ES2015 = ['Promise', 'Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Reflect', 'Proxy', 'WeakRef', 'FinalizationRegistry', 'BigInt', 'globalThis', 'SharedArrayBuffer', 'Atomics', 'WebAssembly'];
const TYPED_ARRAYS = ['ArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
const without = (list, keep) => list.filter((n) => keep.indexOf(n) === -1);

// The conformance checks an engine without binary frames cannot pass (SPEC §4: NotSupportedError).
const NO_BINARY = [
  ...['send-arraybuffer', 'send-view-middle', 'send-dataview', 'send-blob', 'send-order-blob-close'].map((check) => ({
    check,
    actual: 'NotSupportedError',
    why: 'no binary frames: send() of binary data throws NotSupportedError'
  })),
  ...['ev-binary-arraybuffer', 'ev-binary-blob'].map((check) => ({
    check,
    actual: 'threw NotSupportedError',
    why: 'no binary frames: the binary message cannot be sent to be echoed'
  }))
];
// ... and one with no typed arrays at all (Chrome 4–5, Safari 5.0): without an ArrayBuffer class
// there is no brand check, so only the tag can tell what a value is (issue 11), and the binary
// data it then names cannot be sent.
const NO_TYPED_ARRAYS = [
  { check: 'send-fake-buffer', actual: 'NotSupportedError', why: 'no ArrayBuffer in the engine: a value tagged ArrayBuffer is taken for one (no brand check exists), and binary data cannot be sent' }
];
// ... and one whose close() takes no arguments (SPEC §4 as of 2026-12-03: validated as §2, then
// closed the only way the engine can; the peer sees no status code, 1005).
const NO_CODE = "close() takes no arguments: the socket closes without the code (the peer sees 1005); detect().unsupported names it";
const NO_CLOSE_ARGS = [
  ...['close-3001.3', 'close-2999.5', 'close-reason-123-bytes', 'close-reason-only'].map((check) => ({ check, actual: 'sent no body', why: NO_CODE })),
  { check: 'close-reason-surrogate', modes: ['standard'], actual: 'sent no body', why: NO_CODE },
  { check: 'close-twice', actual: 'readyState 2; no exception; sent no body; close 1005 "" clean', why: NO_CODE },
  { check: 'close-string-code', actual: 'sent no body', why: "close(1000) sends the engine's own close frame, which has no status code" },
  { check: 'close-no-arguments', modes: ['strict'], actual: 'sent no body', why: "strict close() means 1000; the engine's frame has no status code" }
];
const ONE_PROTOCOL = [{ check: 'attr-protocol-after-open', actual: 'threw NotSupportedError', why: 'one protocol string only: two protocols throw NotSupportedError' }];
const NO_CLOSE_CODE_IN = [
  { check: 'ev-close-code-reason', actual: 'open,close; 1005 "" clean', why: "the engine's close event has no code or reason: reported as 1005 \"\"" }
];
const CLOSE_SENDS_1000 = [
  { check: 'close-no-arguments', modes: ['standard'], actual: 'sent 1000', why: 'the engine sends 1000 when close() has no code; it cannot send a close frame without a body' }
];

/** A page at the test server (location.href, document.baseURI). */
const BROWSER = { window: true, location: true };

export const PROFILES = [
  // ---------------------------------------------------------------------------------------
  {
    id: 'ie10',
    title: 'Internet Explorer 10',
    family: 'IE 10/11 (Trident)',
    sources: 'QUIRKS §1 IE; §2/§3/§4/§5a IE10/11 [D MSDN]; §5b event constructors [D BCD]',
    globals: {
      ...BROWSER,
      remove: ES2015,
      navigator: { userAgent: 'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)' },
      document: { documentMode: 10 }, // no baseURI, no currentScript: the last <script> is used
      // §5b: no CloseEvent/MessageEvent constructors in IE; DOMException not constructible (§7.1)
      web: { Event: 'stub', CloseEvent: 'stub', MessageEvent: 'stub', DOMException: 'stub', URL: 'object', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      binaryType: { invalid: 'throw-syntax' }, // §4: "SyntaxError likely (W3C CR semantics)" [I]
      ctor: { maxConnections: 6 }, // §5a: SecurityError from the constructor past the per-server cap [D]
      send: { afterClose: 'throw' } // §3: "MSDN implies it also throws when CLOSED" [D]
    },
    detect: { backend: 'trident', quirks: ['ieConnectionLimitSecurityError', 'noConstructibleDOMException', 'noCloseEventConstructor'], unsupported: [] },
    cannot: [],
    rawFails: ['send-after-close', 'attr-binarytype', 'ctor-http-https', 'ctor-protocol-duplicate'],
    normalizes: 'SecurityError past the 6-connection cap → error + close 1006; send() after close counted, not thrown; binaryType SyntaxError; http(s)/relative URLs; own CloseEvent, MessageEvent, DOMException, EventTarget; Blob via FileReader',
    limits: '—'
  },
  {
    id: 'ie11',
    title: 'Internet Explorer 11',
    family: 'IE 10/11 (Trident)',
    sources: 'QUIRKS §1 IE; §2/§3/§4/§5a IE10/11 [D MSDN]; §5b event constructors [D BCD]',
    globals: {
      ...BROWSER,
      remove: without(ES2015, ['Map', 'Set', 'WeakMap']), // IE11 has Map, Set, WeakMap
      navigator: { userAgent: 'Mozilla/5.0 (Windows NT 6.3; Trident/7.0; rv:11.0) like Gecko' },
      document: { documentMode: 11 },
      web: { Event: 'stub', CloseEvent: 'stub', MessageEvent: 'stub', DOMException: 'stub', URL: 'object', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      binaryType: { invalid: 'throw-syntax' }, // §4 [I]
      ctor: { maxConnections: 6 }, // §5a [D]
      send: { afterClose: 'throw' } // §3 [D]
    },
    detect: { backend: 'trident', quirks: ['ieConnectionLimitSecurityError', 'ieSendThrowsWhenClosed'], unsupported: [] },
    cannot: [],
    rawFails: ['send-after-close', 'attr-binarytype', 'ctor-http-https'],
    normalizes: 'as IE 10 (the shim uses IE 11\'s Map/WeakMap only where present)',
    limits: '—'
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'firefox-6',
    title: 'Firefox 6–7 (MozWebSocket)',
    family: 'Firefox/Gecko',
    sources: 'QUIRKS §1 Gecko 6/7–10; §2 Gecko 4–7 [C @09d33706]; §3 Gecko 6/7 [C]; §5a Gecko 6/7 [C]; §5b CloseEvent "Firefox <8" [D]',
    globals: {
      ...BROWSER,
      remove: without(ES2015, ['WeakMap']), // WeakMap from Firefox 6
      navigator: { userAgent: 'Mozilla/5.0 (Windows NT 6.1; rv:6.0) Gecko/20100101 Firefox/6.0' },
      document: { baseURI: true, currentScript: true },
      web: { EventTarget: 'stub', Event: 'stub', CloseEvent: 'stub', MessageEvent: 'stub', DOMException: 'stub', URL: 'object', FileReader: 'native' }
    },
    engine: {
      globalName: 'MozWebSocket', // §1
      extensionsAttribute: null, // §5b: `extensions` from Gecko 8
      binaryType: { present: false }, // §4: no binaryType before 11
      errors: 'legacy',
      ctor: { protocols: 'single-string', protocolCheck: 'gecko6', badPort: 'SyntaxError' }, // §5a [C]
      send: { types: 'string', surrogates: 'throw', returns: 'boolean' }, // §3 [C]
      close: { args: 'none' }, // §2: Close() takes no parameters [C]
      events: { close: 'plain', binaryFrames: 'drop' } // §5b: a simple Event without code/reason [D]
    },
    detect: {
      backend: 'gecko-moz',
      quirks: ['prefixedMozWebSocket', 'geckoCloseWithoutArguments', 'geckoSingleProtocolString', 'geckoSendsTextOnly'],
      unsupported: ['binaryFrames', 'closeCodeOnWire', 'multipleProtocols', 'closeEventCode']
    },
    cannot: [...NO_BINARY, ...NO_CLOSE_ARGS, ...ONE_PROTOCOL, ...NO_CLOSE_CODE_IN],
    rawFails: ['send-arraybuffer', 'close-3001.3', 'close-reason-only', 'ev-close-code-reason', 'send-surrogate', 'ctor-bad-port'],
    normalizes: 'WebSocket from MozWebSocket; boolean send → undefined; surrogates checked before the engine (strict) or replaced (standard); close arguments validated although ignored by the engine; blocked port SecurityError instead of SYNTAX_ERR; close events without code → 1005/1006',
    limits: 'no binary frames (send → NotSupportedError); close() takes no arguments (close(code, reason) is validated, then closes without a status code: the peer sees 1005); one protocol only (more → NotSupportedError); inbound close code and reason unknown (1005 "")'
  },
  {
    id: 'firefox-8',
    title: 'Firefox 8–10 (MozWebSocket)',
    family: 'Firefox/Gecko',
    sources: 'QUIRKS §1 Gecko 6/7–10; §2 Gecko 8→ [C @bb112fb5]; §3 Gecko 8–10 [D BCD]; §5b "Firefox <12: 1000" [D]',
    globals: {
      ...BROWSER,
      remove: without(ES2015, ['WeakMap']),
      navigator: { userAgent: 'Mozilla/5.0 (Windows NT 6.1; rv:9.0) Gecko/20100101 Firefox/9.0' },
      document: { baseURI: true, currentScript: true },
      web: { EventTarget: 'stub', Event: 'stub', CloseEvent: 'stub', MessageEvent: 'stub', DOMException: 'stub', URL: 'object', FileReader: 'native' }
    },
    engine: {
      globalName: 'MozWebSocket',
      binaryType: { present: false }, // §4
      errors: 'legacy',
      ctor: { duplicates: 'none', badPort: 'SyntaxError' }, // §5a Gecko ~12–14 [C]
      send: { types: 'string', surrogates: 'throw' }, // §3 [D]
      close: { validate: 'gecko8', clamp: 'wrap', surrogates: 'throw' }, // §2: argc-based, ToUint16 wraps [C/I]
      events: { failureCode: 1000, binaryFrames: 'drop' } // §5b: Firefox <12 reports 1000 for unexpected errors [D]
    },
    detect: {
      backend: 'gecko-moz',
      quirks: ['prefixedMozWebSocket', 'geckoCloseArgcCountsUndefined', 'geckoSendsTextOnly'],
      unsupported: ['binaryFrames']
    },
    cannot: [...NO_BINARY],
    rawFails: ['send-arraybuffer', 'close-reason-only', 'close-2999.5', 'ev-tcp-drop', 'ctor-protocol-duplicate'],
    normalizes: 'WebSocket from MozWebSocket; close(undefined, reason) never reaches the engine as a code; [Clamp] instead of ToUint16 wrapping; surrogates; abnormal close 1000 → 1006; duplicate protocols checked',
    limits: 'no binary frames (send → NotSupportedError)'
  },
  {
    id: 'firefox-15',
    title: 'Firefox 11–17',
    family: 'Firefox/Gecko',
    sources: 'QUIRKS §3 Gecko 11–17 [C @bb112fb5, D BCD]; §4 Gecko 11→? [C]; §5a Gecko ~12–14 [C]',
    globals: {
      ...BROWSER,
      remove: without(ES2015, ['Map', 'Set', 'WeakMap']), // Map/Set from 13, WeakMap from 6
      navigator: { userAgent: 'Mozilla/5.0 (Windows NT 6.1; rv:15.0) Gecko/20100101 Firefox/15.0' },
      document: { baseURI: true, currentScript: true },
      web: { EventTarget: 'stub', Event: 'native', CloseEvent: 'native', MessageEvent: 'stub', DOMException: 'stub', URL: 'object', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      binaryType: { invalid: 'throw-xpcom' }, // §4: NS_ERROR_INVALID_ARG, not a DOMException [C]
      ctor: { duplicates: 'none' }, // §5a [C]
      send: { types: 'string+arraybuffer', surrogates: 'throw' }, // §3: views (and Blob, per BCD) not recognised → text [C/I]
      close: { validate: 'gecko8', clamp: 'wrap', surrogates: 'throw' } // §2 Gecko 8→ [C]
    },
    detect: { backend: 'gecko-11-17', quirks: ['geckoViewsSentAsText', 'geckoBlobSendUnsupported'], unsupported: [] },
    cannot: [],
    rawFails: ['send-view-middle', 'send-dataview', 'send-blob', 'attr-binarytype', 'ctor-protocol-duplicate', 'close-reason-only'],
    normalizes: 'views sent as their bytes (an ArrayBuffer copy) instead of text; Blobs read first (FileReader) and sent in order; binaryType XPCOM error; surrogates; duplicate protocols',
    limits: '—'
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'chrome-5',
    title: 'Chrome 4–5, Safari 5.0 (WebKit 2010, hixie-76)',
    family: 'Safari/WebKit hixie-76',
    sources: 'QUIRKS §0 readyState; §5b readyState constants, url vs URL [C WebKit IDL @3d4c02f5]; §2/§3 hixie-76 [C @0330f934]',
    globals: {
      ...BROWSER,
      remove: [...ES2015, ...TYPED_ARRAYS, 'Function.prototype.bind'], // typed arrays from Chrome 7 / Safari 5.1
      navigator: { userAgent: 'Mozilla/5.0 (Windows; U; Windows NT 6.1; en-US) AppleWebKit/533.4 (KHTML, like Gecko) Chrome/5.0.375.99 Safari/533.4' },
      document: { baseURI: true },
      web: { Event: 'stub', MessageEvent: 'stub', DOMException: 'stub' }
    },
    engine: {
      constants: 'closed2', // §5b: CONNECTING 0, OPEN 1, CLOSED 2 [C]
      attributes: 'instance', // §5b own vs prototype accessors [I]
      urlAttribute: 'URL', // §5b [C]
      extensionsAttribute: null,
      protocolAttribute: 'undefined', // §5b [C]
      binaryType: { present: false },
      bufferedAmount: 'bytes+2', // §3: + UTF-8 length + 2 after close [C]
      errors: 'legacy',
      ctor: { protocols: 'single-string', protocolCheck: 'hixie' }, // §5a [D]
      send: { types: 'string', returns: 'boolean' }, // §3: boolean send(in DOMString) [C]
      close: { args: 'none' }, // §2: void close() [C]
      events: { close: 'wasClean-only', messagesWhileClosing: true, binaryFrames: 'drop' } // §5b [C]
    },
    detect: {
      backend: 'webkit-hixie76',
      quirks: ['readyStateClosedIsTwo', 'webkitHixie76', 'webkitCloseWithoutArguments', 'closedIsTwo'],
      unsupported: ['binaryFrames', 'closeCodeOnWire', 'multipleProtocols', 'closeEventCode']
    },
    cannot: [...NO_BINARY, ...NO_TYPED_ARRAYS, ...NO_CLOSE_ARGS, ...ONE_PROTOCOL, ...NO_CLOSE_CODE_IN],
    rawFails: ['send-arraybuffer', 'close-3001.3', 'attr-constants', 'ev-close-code-reason', 'ctor-url-serialized'],
    normalizes: 'url from URL; CLOSING/CLOSED 2/3; protocol from the offered one (hixie-76 echoes it); boolean send; messages while CLOSING dropped; close events without code → 1005/1006; no typed arrays or bind needed',
    limits: 'as Firefox 6–7: no binary frames, close() without arguments, one protocol, inbound close code unknown'
  },
  {
    id: 'safari-5.1',
    title: 'Safari 5.1, iOS 4.2–5.1, Chrome 6–13 (WebKit 2011, hixie-76)',
    family: 'Safari/WebKit hixie-76',
    sources: 'QUIRKS §1 WebKit 5.0–5.1; §2/§3/§4 hixie-76 [C WebKit @0330f934]; §5a iOS 5 protocols [D jquery-websocket#7]; §5b [C]',
    globals: {
      ...BROWSER,
      remove: [...ES2015, 'Function.prototype.bind'],
      navigator: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_7_2) AppleWebKit/534.52.7 (KHTML, like Gecko) Version/5.1.2 Safari/534.52.7' },
      document: { baseURI: true },
      web: { Event: 'stub', CloseEvent: 'stub', MessageEvent: 'stub', DOMException: 'stub' }
    },
    engine: {
      attributes: 'instance',
      urlAttribute: 'URL', // §5b [C]
      extensionsAttribute: null,
      protocolAttribute: 'undefined',
      binaryType: { present: true, default: undefined, hixieUndefined: true }, // §4: getter undefined, setter ignored [C]
      bufferedAmount: 'bytes+2',
      errors: 'legacy',
      ctor: { protocols: 'single-string', protocolCheck: 'hixie', emptyProtocolThrows: true }, // §5a [D]
      send: { types: 'string', returns: 'boolean' }, // §3 [C]
      close: { args: 'none' }, // §2 [C]
      events: { close: 'wasClean-only', messagesWhileClosing: true, binaryFrames: 'drop' } // §5b [C]
    },
    detect: {
      backend: 'webkit-hixie76',
      quirks: ['webkitHixie76', 'webkitCloseWithoutArguments', 'webkitSingleProtocolString', 'webkitProtocolAttributeUndefined'],
      unsupported: ['binaryFrames', 'closeCodeOnWire', 'multipleProtocols', 'closeEventCode']
    },
    cannot: [...NO_BINARY, ...NO_CLOSE_ARGS, ...ONE_PROTOCOL, ...NO_CLOSE_CODE_IN],
    rawFails: ['send-arraybuffer', 'close-3001.3', 'ev-close-code-reason', 'attr-binarytype', 'ctor-protocol-string'],
    normalizes: 'as Chrome 4–5, and: no empty protocol list passed (iOS 5 SYNTAX_ERR); binaryType kept by the shim',
    limits: 'as Firefox 6–7: no binary frames, close() without arguments, one protocol, inbound close code unknown'
  },
  {
    id: 'webkit-2012',
    title: 'Chrome 14–20, Safari 6.0 (WebKit 2012)',
    family: 'WebKit 2012 and Safari 6–16',
    sources: 'QUIRKS §2 WebKit ~early 2012 [C id 22174843]; §3 WebKit/Chrome ~2012 [C @00140795]; §4 @00140795 console only [C]; §5b messages while CLOSING [C]',
    globals: {
      ...BROWSER,
      remove: ES2015,
      navigator: { userAgent: 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/536.11 (KHTML, like Gecko) Chrome/20.0.1132.57 Safari/536.11' },
      document: { baseURI: true },
      web: { EventTarget: 'stub', Event: 'native', CloseEvent: 'native', MessageEvent: 'native', DOMException: 'stub', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      attributes: 'instance',
      binaryType: { invalid: 'console' }, // §4 [C @00140795]
      bufferedAmount: 'bytes+framing', // §3 [C]
      errors: 'legacy',
      send: { surrogates: 'throw', returns: 'boolean' }, // §3 [C]
      close: { validate: 'reason-with-code', surrogates: 'throw', clamp: 'wrap' }, // §2 [C]; ToUint16 [I]
      events: { messagesWhileClosing: true } // §5b [C]
    },
    detect: { backend: 'webkit-2012', quirks: ['webkitSurrogatesThrow', 'webkitReasonValidatedOnlyWithCode', 'webkitMessagesWhileClosing'], unsupported: [] },
    cannot: [],
    rawFails: ['close-reason-only', 'close-2999.5', 'ctor-http-https', 'ctor-protocol-duplicate', 'send-after-close'],
    normalizes: 'surrogates checked or replaced before the engine throws; reason validated without a code; boolean send; bufferedAmount after close without framing; messages while CLOSING dropped; http(s)/relative URLs',
    limits: '—'
  },
  {
    id: 'safari-9',
    title: 'Safari 6.1–9 (own-property attributes)',
    family: 'WebKit 2012 and Safari 6–16',
    sources: 'QUIRKS §2 WebKit 2012→today [C @71eb6616]; §3 Safari [C]; §4 Safari 6–16.x [C @71eb6616]; §5a WebKit to ~2019 [C]; §5b own vs prototype accessors [I]',
    globals: {
      ...BROWSER,
      remove: ['Reflect', 'Proxy', 'WeakRef', 'FinalizationRegistry', 'BigInt', 'globalThis', 'SharedArrayBuffer', 'Atomics', 'WebAssembly'],
      navigator: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_6) AppleWebKit/601.7.7 (KHTML, like Gecko) Version/9.1.2 Safari/601.7.7' },
      document: { baseURI: true, currentScript: true },
      web: { EventTarget: 'stub', Event: 'native', CloseEvent: 'native', MessageEvent: 'native', DOMException: 'stub', URL: 'native', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      attributes: 'instance', // §5b [I]: prototype accessors from Safari 10
      binaryType: { invalid: 'throw-syntax' }, // §4 [C]
      bufferedAmount: 'bytes+framing', // §3 [C]
      close: { validate: 'reason-with-code' } // §2 [C]
    },
    detect: { backend: 'webkit-safari', quirks: ['webkitBinaryTypeThrows', 'webkitReasonValidatedOnlyWithCode', 'webkitBlobLostOnClose'], unsupported: [] },
    cannot: [],
    rawFails: ['attr-binarytype', 'close-reason-only', 'ctor-http-https', 'ctor-protocol-duplicate'],
    normalizes: 'binaryType SyntaxError; reason validated without a code; bufferedAmount after close without framing; http(s)/relative URLs; case-insensitive duplicate protocols; Blobs read before send (WebKit loses one still being read at close())',
    limits: '—'
  },
  {
    id: 'safari-16',
    title: 'Safari 10–16 (modern globals)',
    family: 'WebKit 2012 and Safari 6–16',
    sources: 'QUIRKS §2 WebKit 2012→today [C]; §4 Safari 6–16.x [C]; WebKit PR #13742 (binaryType stops throwing in 17) [C]',
    globals: {
      ...BROWSER,
      remove: [],
      navigator: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Safari/605.1.15' },
      document: { baseURI: true, currentScript: true },
      web: { EventTarget: 'native', Event: 'native', CloseEvent: 'native', MessageEvent: 'native', DOMException: 'native', TextEncoder: 'native', URL: 'native', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      binaryType: { invalid: 'throw-syntax' }, // §4 [C]
      bufferedAmount: 'bytes+framing', // §3 [C]
      close: { validate: 'reason-with-code' } // §2 [C]
    },
    detect: { backend: 'webkit-safari', quirks: ['webkitBinaryTypeThrows', 'webkitBlobLostOnClose'], unsupported: [] },
    cannot: [],
    rawFails: ['attr-binarytype', 'close-reason-only', 'ctor-http-https'],
    normalizes: 'as Safari 6.1–9, with the native EventTarget, events and DOMException',
    limits: '—'
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'opera-12',
    title: 'Opera 12.10–12.16 (Presto)',
    family: 'Opera Presto',
    sources: 'QUIRKS §2/§3/§4/§5a Opera Presto 12 [C HexagonWin/opera-presto domwebsocket.cpp]; §5b [C]',
    globals: {
      ...BROWSER,
      remove: ES2015,
      navigator: { userAgent: 'Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.16' },
      opera: '12.16',
      document: { baseURI: true },
      web: { EventTarget: 'stub', Event: 'native', CloseEvent: 'stub', MessageEvent: 'stub', DOMException: 'stub', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      extensionsValue: 'empty', // §5b: always ""
      binaryType: { invalid: 'throw-syntax' }, // §4 [C]
      errors: 'legacy',
      ctor: { fragment: 'reject-any-hash' }, // §5a [C]
      close: { validate: 'presto', clamp: 'truncate' }, // §2: UTF-16 units, TruncateDoubleToUInt [C]
      events: { messagesWhileClosing: true, origin: 'page', earlyFailure: 'close-wasClean' } // §4, §5a [C]
    },
    detect: { backend: 'presto', quirks: ['prestoReasonLengthInUtf16Units', 'prestoEarlyFailureWasClean'], unsupported: [] },
    cannot: [],
    rawFails: ['close-1000.7', 'close-reason-124-bytes', 'ev-refused', 'ev-message-fields', 'attr-binarytype'],
    normalizes: 'reason limit in UTF-8 bytes (Presto counts UTF-16 units); [Clamp] rounding (Presto truncates); early failure wasClean=true 1006 → error + unclean 1006; MessageEvent.origin of the socket URL; messages while CLOSING dropped; binaryType SyntaxError',
    limits: '—'
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'android-4.3',
    title: 'Android Browser 4.0–4.3',
    family: 'Android 4.x webview',
    sources: 'QUIRKS §1 Android stock browser 2.1–4.3: no WebSocket [D caniuse]',
    globals: {
      ...BROWSER,
      remove: ES2015,
      navigator: { userAgent: 'Mozilla/5.0 (Linux; U; Android 4.3; en-us; Nexus 4 Build/JSS15J) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30' },
      document: { baseURI: true },
      web: { Event: 'native', DOMException: 'stub', Blob: 'native', FileReader: 'native' }
    },
    engine: null,
    detect: { backend: 'none', quirks: [], unsupported: ['noNativeWebSocket'] },
    // Every check that constructs a socket fails with the NotSupportedError "no WebSocket"; the
    // ones that fail earlier (URL, port and protocol checks) and the constants still pass.
    cannot: CHECKS.filter(
      (c) => ['ctor-bad-scheme', 'ctor-fragment', 'ctor-unparsable', 'ctor-forbidden-host', 'ctor-bad-port', 'ctor-protocol-token', 'ctor-protocol-duplicate', 'attr-constants'].indexOf(c.id) === -1
    ).map((c) => ({
      check: c.id,
      actual: c.id === 'ctor-http-https' ? 'NotSupportedError, NotSupportedError' : c.id === 'ctor-relative' ? 'NotSupportedError' : 'threw NotSupportedError',
      why: 'no WebSocket in the engine: new WebSocket() throws NotSupportedError'
    })).concat([
      // Standard mode: a bad port is no constructor error, so the missing engine is reached first.
      { check: 'ctor-bad-port', modes: ['standard'], actual: 'NotSupportedError', why: 'no WebSocket in the engine: a connection cannot even fail' }
    ]),
    rawFails: [],
    normalizes: 'constructor argument checks (SyntaxError, SecurityError) as docs/contract.md says',
    limits: 'no WebSocket at all: install() leaves `WebSocket` undefined (feature tests keep working); WebSocketShim.WebSocket throws NotSupportedError for a valid URL; detect().unsupported has noNativeWebSocket'
  },
  {
    id: 'android-4.4',
    title: 'Android 4.4 WebView (Chromium 30)',
    family: 'Android 4.x webview',
    sources: 'QUIRKS §1 Android 4.4 Chromium 30 [D]; §2 WebKit 2012→today, Blink [C]; §4 Chrome/Blink [C/D]; §5a Chrome [C]; §5b url/prototype [D/I]',
    globals: {
      ...BROWSER,
      remove: ES2015,
      navigator: { userAgent: 'Mozilla/5.0 (Linux; Android 4.4.2; Nexus 5 Build/KOT49H) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/30.0.0.0 Mobile Safari/537.36' },
      document: { baseURI: true, currentScript: true },
      web: { EventTarget: 'stub', Event: 'native', CloseEvent: 'native', MessageEvent: 'native', DOMException: 'stub', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      attributes: 'instance', // §5b [I]: Chrome 43 moved attributes to the prototype
      binaryType: { invalid: 'console' }, // §4 Blink: ignored with a console warning [C/D]
      close: { validate: 'reason-with-code' } // §2 Blink [C]
    },
    detect: { backend: 'browser', quirks: ['noConstructibleDOMException'], unsupported: [] },
    cannot: [],
    rawFails: ['close-reason-only', 'ctor-http-https', 'ctor-protocol-duplicate'],
    normalizes: 'reason validated without a code; http(s)/relative URLs; case-insensitive duplicate protocols; own EventTarget and DOMException (no Promise, Map, URL)',
    limits: '—'
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'react-native-android',
    build: 'npm',
    title: 'React Native (Android, OkHttp)',
    family: 'React Native',
    sources: 'QUIRKS §2 React Native (JS), RN Android (OkHttp) [C/I]; §3/§4 React Native [C]; §5b [C]; RN#35554 [D]',
    globals: {
      window: true,
      remove: [],
      navigator: { product: 'ReactNative' },
      web: { URL: 'rn', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      nativeCode: false, // a JS class over a native module
      prototypeConstants: 'none', // §5b: instance fields [C]
      extensionsAttribute: 'extension', // §5b: misspelt [C]
      protocolAttribute: 'undefined-until-open', // §5b [C]
      binaryType: { default: undefined, invalid: 'throw-error' }, // §4 [C]
      bufferedAmount: 'undefined', // §3 [C]
      ctor: { protocolCheck: 'none', duplicates: 'none', httpSchemes: 'accept', fragment: 'ignore', badPort: 'none', options: 'third' }, // §5a [C]
      send: { blob: 'invariant', otherTypes: 'throw', surrogates: 'question-mark', connecting: 'plain-error', afterClose: 'noop' }, // §3 [C/I]
      close: { validate: 'rn-android', noCode: 1000, connecting: 'noop-then-open' }, // §2 [C/I], §5b RN#35554 [D]
      events: { close: 'no-wasClean', failureReason: 'native', message: 'data-only' } // §5b [C]
    },
    // The platform is not visible to a script, so the iOS limitation is reported on both.
    detect: { backend: 'react-native', quirks: ['rnExtensionMisspelt', 'rnCloseWithoutCodeSends1000', 'noPrototypeConstants'], unsupported: ['closeWithoutStatus', 'customCloseCodes'] },
    cannot: [...CLOSE_SENDS_1000],
    rawFails: ['close-reserved-codes', 'close-reason-124-bytes', 'send-tostring', 'attr-binarytype', 'close-while-connecting', 'send-connecting', 'attr-constants'],
    normalizes: 'close codes and reasons validated (OkHttp would throw, RN logs and the socket stays open); numbers/null stringified; Blob read before send (no BlobModule needed); extension → extensions; binaryType, bufferedAmount, prototype constants, wasClean supplied; close() while CONNECTING fails the connection; InvalidStateError DOMException',
    limits: 'close() without a code sends 1000 (standard mode cannot send a frame without a status code)'
  },
  {
    id: 'react-native-ios',
    build: 'npm',
    title: 'React Native (iOS, SocketRocket)',
    family: 'React Native',
    sources: 'QUIRKS §2 RN iOS (RCTSRWebSocket) [C @0235b381, D RN#28412/#31326]; §3/§4/§5b React Native [C]',
    globals: {
      window: true,
      remove: [],
      navigator: { product: 'ReactNative' },
      web: { URL: 'rn', Blob: 'native', FileReader: 'native' }
    },
    engine: {
      nativeCode: false,
      prototypeConstants: 'none',
      extensionsAttribute: 'extension',
      protocolAttribute: 'undefined-until-open',
      binaryType: { default: undefined, invalid: 'throw-error' },
      bufferedAmount: 'undefined',
      ctor: { protocolCheck: 'none', duplicates: 'none', httpSchemes: 'accept', fragment: 'ignore', badPort: 'none', options: 'third' },
      send: { blob: 'invariant', otherTypes: 'throw', connecting: 'plain-error', afterClose: 'noop' },
      close: { validate: 'none', noCode: 1000 }, // §2: no validation; over-long reasons make an illegal frame [C]
      events: { close: 'no-wasClean', failureReason: 'native', message: 'data-only', customCodeAs1001: true } // §2 [D]
    },
    detect: { backend: 'react-native', quirks: ['rnCustomCloseCodeReportedAs1001'], unsupported: ['closeWithoutStatus', 'customCloseCodes'] },
    cannot: [
      ...CLOSE_SENDS_1000,
      { check: 'ev-close-code-reason', actual: 'open,close; 1001 "Stream end encountered" clean', why: 'RN iOS reports custom close codes as 1001 "Stream end encountered"' },
      {
        check: 'close-twice',
        actual: 'readyState 2; no exception; sent 3000 "one"; close 1001 "Stream end encountered" clean',
        why: 'RN iOS reports custom close codes as 1001 "Stream end encountered"'
      }
    ],
    rawFails: ['close-reserved-codes', 'close-reason-124-bytes', 'send-tostring', 'attr-binarytype', 'ev-close-code-reason'],
    normalizes: 'as React Native on Android (no OkHttp validation here: the shim is the only check)',
    limits: 'close() without a code sends 1000; custom close codes come back as 1001 "Stream end encountered"'
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'deno',
    build: 'npm',
    title: 'Deno 1.x',
    family: 'Deno and Bun',
    sources: 'QUIRKS §2/§3/§4/§5a/§5b Deno [C denoland/deno ext/websocket/01_websocket.js @02bc74db]',
    globals: {
      window: true,
      remove: [],
      navigator: { userAgent: 'Deno/1.46.3' },
      runtime: { Deno: { version: { deno: '1.46.3' } } },
      web: { EventTarget: 'native', Event: 'native', CloseEvent: 'native', MessageEvent: 'native', DOMException: 'native', TextEncoder: 'native', URL: 'native', Blob: 'native' }
    },
    engine: {
      nativeCode: false,
      prototypeConstants: 'brand-getter', // §5b [I]
      bufferedAmount: 'zero-unless-open', // §3 [C]
      // No WebSocketInit: Deno's constructor is (url, protocols?) (ext/websocket/lib.deno_websocket.d.ts),
      // an options object is read as the protocol "[object Object]" and refused with a SyntaxError
      // (issue 10, item 4; measured in real Deno 2.4.4, test/engines-real).
      ctor: { httpSchemes: 'accept', duplicates: 'case-insensitive', badPort: 'none', options: 'none' }, // §5a [C]
      send: { afterClose: 'noop' }, // §3 [C]
      close: { connecting: 'after-connect' }, // §5b [C]
      events: { failureCode: 0, error: 'errorevent' } // §5b [C]
    },
    detect: { backend: 'deno', quirks: ['denoFailureCloseCode0', 'prototypeConstantsThrow', 'denoNoWebSocketInit'], unsupported: ['backendOptions'] },
    cannot: [],
    rawFails: ['ev-refused', 'ev-tcp-drop', 'send-after-close', 'ctor-bad-port', 'attr-constants', 'close-while-connecting'],
    normalizes: 'failure close code 0 → 1006; bufferedAmount after close; prototype constants readable; blocked ports; close() while CONNECTING fails at once; plain error Event',
    limits: '—'
  },
  {
    id: 'bun',
    build: 'npm',
    title: 'Bun 1.x',
    family: 'Deno and Bun',
    sources: 'QUIRKS §2 Bun ≤ mid-2026 [C oven-sh/bun WebSocket.cpp @0ac21218]; §3 Bun [C]; §4 Bun [C]; §5a Bun [C]',
    globals: {
      self: true,
      remove: [],
      navigator: { userAgent: 'Bun/1.1.20' },
      runtime: { Bun: { version: '1.1.20' }, process: { versions: { node: '22.3.0', bun: '1.1.20' } } },
      web: { EventTarget: 'native', Event: 'native', CloseEvent: 'native', MessageEvent: 'native', DOMException: 'native', TextEncoder: 'native', URL: 'native', Blob: 'native' }
    },
    engine: {
      binaryType: { default: 'nodebuffer', values: ['arraybuffer', 'nodebuffer', 'blob'], invalid: 'throw-syntax' }, // §4 [C]
      bufferedAmount: 'bytes+framing', // §3 [C]
      ctor: { httpSchemes: 'accept', badPort: 'none', options: 'init' }, // §5a [C]
      close: { validate: 'bun', noCode: 1000 } // §2 [C]
    },
    detect: { backend: 'bun', quirks: ['bunNoCloseCodeValidation', 'bunCloseWithoutCodeSends1000'], unsupported: ['closeWithoutStatus'] },
    cannot: [...CLOSE_SENDS_1000],
    rawFails: ['close-reserved-codes', 'close-reason-124-bytes', 'close-nan-null', 'attr-binarytype', 'send-after-close'],
    normalizes: 'close codes validated (Bun sends any code); reason limit in UTF-8 bytes (Bun: UTF-16 units, only when code ≠ 1000, else dropped); binaryType nodebuffer → enum; Buffers → ArrayBuffer/Blob; bufferedAmount without framing; blocked ports',
    limits: 'close() without a code sends 1000 (standard mode cannot send a frame without a status code)'
  }
];

/** The cannot entry for (profile, check, mode), or null. */
export function cannotFor(profile, id, mode) {
  return profile.cannot.find((c) => c.check === id && (!c.modes || c.modes.indexOf(mode) !== -1)) || null;
}
