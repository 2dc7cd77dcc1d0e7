// An engine double for a historical WebSocket implementation, over a real `ws` client, so
// bytes really travel to the test server. `spec` (from a profile in test/legacy/profiles.mjs)
// says how that engine's WebSocket looked and behaved: global name, constants, where the
// attributes live and what they are called, constructor arguments and checks, send()/close()
// signatures, conversions and errors, event shapes. Each behaviour the profiles select here
// is cited there with its QUIRKS.md source; the defaults are a conformant modern engine.
//
// The double lives in Node's realm (like a native object, it is not made by the page's code);
// it is wrapped in a Proxy so `Function.prototype.toString` reports "[native code]", as for
// a browser's own constructor (React Native's and Deno's are script: `nativeCode: false`).
import WS from 'ws';
import { randomBytes } from 'node:crypto';

const STATE = Symbol('engine state');
const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_G = new RegExp(LONE.source, 'g');
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080]);
const LEGACY = { SyntaxError: ['SYNTAX_ERR', 12], InvalidStateError: ['INVALID_STATE_ERR', 11], InvalidAccessError: ['INVALID_ACCESS_ERR', 15], SecurityError: ['SECURITY_ERR', 18] };

const DEFAULTS = {
  nativeCode: true,
  constants: 'standard', // 'closed2': CONNECTING 0, OPEN 1, CLOSED 2 (2010 WebKit)
  prototypeConstants: 'value', // 'none' (RN) | 'brand-getter' (Deno)
  attributes: 'prototype', // 'instance': own properties of each socket (WebKit before Safari 10)
  urlAttribute: 'url', // 'URL' (WebKit 2010–2011)
  extensionsAttribute: 'extensions', // 'extension' (RN) | null (Gecko 6/7, hixie-76)
  extensionsValue: 'server', // 'empty' (Presto: always '')
  protocolAttribute: 'selected', // 'undefined' (hixie-76) | 'undefined-until-open' (RN)
  binaryType: { present: true, default: 'blob', invalid: 'ignore', values: ['blob', 'arraybuffer'] },
  bufferedAmount: 'bytes', // 'bytes+framing' | 'bytes+2' | 'undefined' | 'zero-unless-open' | 'no-growth'
  errors: 'modern', // 'legacy': names like SYNTAX_ERR (old WebKit/Gecko/Presto)
  ctor: {
    protocols: 'list', // 'single-string'
    protocolCheck: 'token', // 'gecko6' (0x20–0x7E) | 'hixie' (0x20–0x7E) | 'none'
    duplicates: 'case-sensitive', // 'case-insensitive' | 'none'
    emptyProtocolThrows: false, // iOS 5: '' / [] / undefined → SYNTAX_ERR
    httpSchemes: 'reject', // 'accept'
    fragment: 'reject', // 'reject-any-hash' (Presto) | 'ignore'
    badPort: 'SecurityError', // 'SyntaxError' (Gecko 6–14) | 'none' (Bun)
    maxConnections: 0, // IE: SecurityError past this many live sockets per host:port
    options: 'none' // 'init' (Deno/Bun: WebSocketInit second, options third) | 'third' (RN)
  },
  send: {
    types: 'all', // 'string' | 'string+arraybuffer'
    blob: 'send', // 'text' (stringified) | 'invariant' (RN without BlobModule)
    otherTypes: 'tostring', // 'throw' (RN: Error('Unsupported data type'))
    surrogates: 'replace', // 'throw' | 'question-mark'
    connecting: 'dom', // 'plain-error' (RN)
    afterClose: 'count', // 'throw' (IE) | 'noop'
    returns: 'undefined' // 'boolean'
  },
  close: {
    args: 'args', // 'none': close() takes no arguments, extra ones ignored
    validate: 'spec', // 'reason-with-code' | 'gecko8' | 'presto' | 'none' | 'bun' | 'rn-android'
    surrogates: 'replace', // 'throw'
    clamp: 'clamp', // 'wrap' (ToUint16) | 'truncate'
    noCode: 'no-body', // 1000 (RN, Bun)
    connecting: 'fail' // 'noop-then-open' (RN Android) | 'after-connect' (Deno)
  },
  events: {
    close: 'full', // 'plain' (Gecko 6/7) | 'wasClean-only' (WebKit 2011) | 'no-wasClean' (RN)
    failureCode: 1006, // 1000 (Gecko < 12) | 0 (Deno)
    failureReason: '', // 'native' (RN: the native error text)
    earlyFailure: 'error-close', // 'close-wasClean' (Presto: close 1006 with wasClean true, no error)
    error: 'event', // 'errorevent' (Deno)
    messagesWhileClosing: false,
    message: 'full', // 'data-only' (RN)
    origin: 'socket', // 'page' (Presto)
    customCodeAs1001: false, // RN iOS: codes ≥ 3000 reported as 1001 "Stream end encountered"
    binaryFrames: 'deliver' // 'drop' (text-only engines)
  }
};

function merge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over || {})) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' ? { ...base[k], ...v } : v;
  }
  return out;
}

function utf8(s) {
  return Buffer.byteLength(String(s).replace(LONE_G, '\uFFFD'));
}

/** RFC 6455 client frame overhead (header + mask) for a payload of n bytes. */
function framing(n) {
  return (n < 126 ? 2 : n < 65536 ? 4 : 10) + 4;
}

/**
 * Creates the engine constructor. `host`: { Blob, pageOrigin, report(error), log(text) }.
 * Returns { Ctor, Raw, sockets, closeAll }.
 */
export function createEngine(specIn, host) {
  const spec = merge(DEFAULTS, specIn);
  const sockets = [];

  /** An error the way this engine throws it. */
  function engineError(name, message) {
    if (name === 'TypeError') return new TypeError(message);
    if (spec.errors === 'legacy' && LEGACY[name]) {
      const [legacyName, code] = LEGACY[name];
      // Old WebKit/Gecko: "Error: SYNTAX_ERR: DOM Exception 12".
      const e = new Error(legacyName + ': DOM Exception ' + code);
      e.name = legacyName;
      e.code = code;
      return e;
    }
    return new DOMException(message, name);
  }

  const C = spec.constants === 'closed2' ? { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 2 } : { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 };

  function Engine(url) {
    if (!new.target) throw new TypeError("Failed to construct 'WebSocket': Please use the 'new' operator");
    const args = Array.prototype.slice.call(arguments);
    const st = {
      readyState: 0,
      url: '',
      protocol: spec.protocolAttribute === 'selected' ? '' : undefined,
      extensions: '',
      binaryType: spec.binaryType.present ? spec.binaryType.default : undefined,
      buffered: 0,
      listeners: {},
      handlers: {},
      failed: false,
      offered: [],
      ws: null,
      closeInConnecting: false
    };
    Object.defineProperty(this, STATE, { value: st });
    if (spec.prototypeConstants === 'none') for (const [k, v] of Object.entries(C)) this[k] = v; // RN: instance fields

    // --- URL --------------------------------------------------------------------------
    let input = String(url);
    if (spec.ctor.fragment === 'reject-any-hash' && input.indexOf('#') !== -1) throw engineError('SyntaxError', 'fragment');
    let u;
    try {
      u = new URL(input);
    } catch (e) {
      throw engineError('SyntaxError', `The URL '${input}' is invalid.`);
    }
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      if (spec.ctor.httpSchemes !== 'accept') throw engineError('SyntaxError', "The URL's scheme must be either 'ws' or 'wss'.");
      u.protocol = u.protocol === 'http:' ? 'ws:' : 'wss:';
    } else if (u.protocol !== 'ws:' && u.protocol !== 'wss:') {
      throw engineError('SyntaxError', "The URL's scheme must be either 'ws' or 'wss'.");
    }
    if (u.hash || input.endsWith('#')) {
      if (spec.ctor.fragment !== 'ignore') throw engineError('SyntaxError', 'The URL contains a fragment identifier.');
      u.hash = '';
    }
    const port = u.port ? +u.port : u.protocol === 'wss:' ? 443 : 80;
    if (BAD_PORTS.has(port) && spec.ctor.badPort !== 'none') throw engineError(spec.ctor.badPort, `The port ${port} is not allowed.`);
    st.url = spec.ctor.httpSchemes === 'accept' || spec.urlAttribute === 'url' ? u.href : input;

    // --- protocols and options ----------------------------------------------------------
    let protocols = args.length > 1 ? args[1] : undefined;
    let options = null;
    if (spec.ctor.options === 'init' && protocols && typeof protocols === 'object' && !Array.isArray(protocols)) {
      options = protocols;
      protocols = options.protocols;
    } else if (spec.ctor.options === 'third' && args.length > 2) {
      options = args[2];
    } else if (spec.ctor.options === 'init' && args.length > 2) {
      options = args[2];
    }
    if (spec.ctor.emptyProtocolThrows && args.length > 1 && (protocols === undefined || protocols === '' || (Array.isArray(protocols) && protocols.length === 0))) {
      throw engineError('SyntaxError', "Wrong protocol for WebSocket ''");
    }
    let list;
    if (protocols === undefined) list = [];
    else if (spec.ctor.protocols === 'single-string') {
      const one = String(protocols); // an array is ToString-ed: "a,b"
      if (spec.ctor.protocolCheck !== 'none' && (one === '' || /[^\x20-\x7e]/.test(one))) throw engineError('SyntaxError', `Wrong protocol for WebSocket '${one}'`);
      list = one.split(',').map((p) => p.trim());
      st.offeredString = one;
    } else {
      list = Array.isArray(protocols) ? protocols.map(String) : [String(protocols)];
      if (spec.ctor.protocolCheck === 'token') {
        for (const p of list) if (!TOKEN.test(p)) throw engineError('SyntaxError', `The subprotocol '${p}' is invalid.`);
      }
      if (spec.ctor.duplicates !== 'none') {
        const seen = new Set();
        for (const p of list) {
          const k = spec.ctor.duplicates === 'case-insensitive' ? p.toLowerCase() : p;
          if (seen.has(k)) throw engineError('SyntaxError', `The subprotocol '${p}' is duplicated.`);
          seen.add(k);
        }
      }
    }
    st.offered = list;

    // --- IE's per-server connection cap --------------------------------------------------
    if (spec.ctor.maxConnections) {
      const live = sockets.filter((s) => s[STATE].host === u.host && s[STATE].readyState <= 1).length;
      if (live >= spec.ctor.maxConnections) throw engineError('SecurityError', 'SecurityError');
    }
    st.host = u.host;

    // --- attributes ------------------------------------------------------------------------
    if (spec.attributes === 'instance') defineAttributes(this, false);

    // --- the connection ----------------------------------------------------------------------
    const wireProtocols = list.filter((p) => TOKEN.test(p));
    let wsOptions = { perMessageDeflate: false };
    if (options && options.headers) wsOptions.headers = { ...options.headers };
    const ws = new WS(u.href, wireProtocols, wsOptions);
    st.ws = ws;
    sockets.push(this);
    const self = this;
    ws.on('open', () => onOpen(self));
    ws.on('message', (data, isBinary) => onMessage(self, data, isBinary));
    ws.on('error', () => {
      st.failed = true;
    });
    ws.on('close', (code, reason) => onClose(self, code, Buffer.from(reason).toString('utf8')));
  }

  function get(self) {
    const st = self && self[STATE];
    if (!st) throw new TypeError('Illegal invocation');
    return st;
  }

  function exposedState(n) {
    return n === 3 ? C.CLOSED : n === 2 ? C.CLOSING : n;
  }

  /** The attribute accessors, on the prototype or on each instance. */
  function defineAttributes(target, onPrototype) {
    const def = (name, getter, setter) =>
      Object.defineProperty(target, name, { get: getter, set: setter, enumerable: true, configurable: true });
    def(spec.urlAttribute, function () {
      return get(this).url;
    });
    def('readyState', function () {
      return exposedState(get(this).readyState);
    });
    def('bufferedAmount', function () {
      const st = get(this);
      if (spec.bufferedAmount === 'undefined') return undefined;
      if (spec.bufferedAmount === 'zero-unless-open' && st.readyState !== 1) return 0;
      return st.buffered + (st.ws && st.readyState === 1 ? st.ws.bufferedAmount : 0);
    });
    // Event handler attributes ([LegacyTreatNonObjectAsNull]: a non-object is stored as null).
    for (const t of ['open', 'message', 'error', 'close']) {
      def(
        'on' + t,
        function () {
          const h = get(this).handlers[t];
          return h === undefined ? null : h;
        },
        function (v) {
          get(this).handlers[t] = typeof v === 'function' || (v && typeof v === 'object') ? v : null;
        }
      );
    }
    def('protocol', function () {
      return get(this).protocol;
    });
    if (spec.extensionsAttribute) {
      def(spec.extensionsAttribute, function () {
        return get(this).extensions;
      });
    }
    if (spec.binaryType.present) {
      def(
        'binaryType',
        function () {
          return get(this).binaryType;
        },
        function (v) {
          const st = get(this);
          const value = String(v);
          if (spec.binaryType.hixieUndefined) return; // setter ignored
          if (spec.binaryType.values.indexOf(value) !== -1) {
            st.binaryType = value;
            return;
          }
          switch (spec.binaryType.invalid) {
            case 'throw-syntax':
              throw engineError('SyntaxError', `'${value}' is not a valid value for binaryType; binaryType remains unchanged.`);
            case 'throw-xpcom': {
              const e = new Error('Component returned failure code: 0x80070057 (NS_ERROR_ILLEGAL_VALUE)');
              e.name = 'NS_ERROR_ILLEGAL_VALUE';
              e.result = 0x80070057;
              throw e;
            }
            case 'throw-error':
              throw new Error("binaryType must be either 'blob' or 'arraybuffer'");
            case 'console':
              host.log(`WebSocket: '${value}' is not a valid binaryType`);
              return;
            case 'reset':
              st.binaryType = 'blob';
              return;
            default:
              return;
          }
        }
      );
    }
  }

  function dispatch(self, ev) {
    const st = self[STATE];
    const list = (st.listeners[ev.type] || []).slice();
    const handler = self['on' + ev.type];
    for (const fn of list) {
      try {
        if (typeof fn === 'function') fn.call(self, ev);
        else if (fn && typeof fn.handleEvent === 'function') fn.handleEvent(ev);
      } catch (e) {
        host.report(e);
      }
    }
    if (typeof handler === 'function') {
      try {
        handler.call(self, ev);
      } catch (e) {
        host.report(e);
      }
    }
  }

  function fireError(self) {
    if (spec.events.error === 'errorevent') dispatch(self, { type: 'error', message: 'connection failed', error: new TypeError('connection failed'), target: self });
    else dispatch(self, { type: 'error', target: self });
  }

  function fireClose(self, code, reason, wasClean) {
    const ev = { type: 'close', target: self };
    if (spec.events.close === 'full') Object.assign(ev, { code, reason, wasClean });
    else if (spec.events.close === 'wasClean-only') ev.wasClean = wasClean;
    else if (spec.events.close === 'no-wasClean') Object.assign(ev, { code, reason });
    dispatch(self, ev);
  }

  function onOpen(self) {
    const st = self[STATE];
    const ws = st.ws;
    if (st.closeInConnecting && spec.close.connecting === 'after-connect') {
      ws.close();
      return;
    }
    if (st.readyState !== 0) return;
    // hixie-76: the server must echo the offered protocol exactly, or the handshake fails.
    if (spec.protocolAttribute === 'undefined' && st.offeredString !== undefined && ws.protocol !== st.offeredString) {
      st.failed = true;
      ws.terminate();
      return;
    }
    st.readyState = 1;
    if (spec.protocolAttribute !== 'undefined') st.protocol = ws.protocol;
    st.extensions = spec.extensionsValue === 'empty' ? '' : ws.extensions;
    dispatch(self, { type: 'open', target: self });
  }

  function onMessage(self, data, isBinary) {
    const st = self[STATE];
    if (st.readyState !== 1 && !(st.readyState === 2 && spec.events.messagesWhileClosing)) return;
    let payload;
    if (!isBinary) payload = data.toString('utf8');
    else if (spec.events.binaryFrames === 'drop') return;
    else {
      const type = st.binaryType === undefined ? 'arraybuffer' : st.binaryType; // RN: effective ArrayBuffer
      // React Native makes Blobs only with its BlobModule (`blobModule: false`: ArrayBuffers).
      if (type === 'blob' && spec.binaryType.blobModule !== false) payload = new host.Blob([data]);
      else if (type === 'nodebuffer') payload = Buffer.from(data);
      else payload = new Uint8Array(data).slice().buffer;
    }
    const ev = { type: 'message', data: payload, target: self };
    if (spec.events.message === 'full') {
      ev.origin = spec.events.origin === 'page' ? host.pageOrigin : new URL(st.url.replace(/^ws/, 'http')).origin.replace(/^http/, 'ws');
      ev.lastEventId = '';
      ev.source = null;
      ev.ports = [];
    }
    dispatch(self, ev);
  }

  function onClose(self, code, reason) {
    const st = self[STATE];
    const wasOpen = st.readyState >= 1;
    const afterConnect = st.closeInConnecting && spec.close.connecting === 'after-connect';
    st.readyState = 3;
    if (st.noEvents) return;
    const abnormal = code === 1006 || st.failed || afterConnect;
    if (abnormal) {
      if (!wasOpen && spec.events.earlyFailure === 'close-wasClean') {
        fireClose(self, 1006, '', true); // Presto: returns the object, then close wasClean=true, 1006
        return;
      }
      fireError(self);
      const r = spec.events.failureReason === 'native' ? 'Connection refused or lost' : '';
      fireClose(self, spec.events.failureCode, r, false);
      return;
    }
    if (spec.events.customCodeAs1001 && code >= 3000) {
      code = 1001;
      reason = 'Stream end encountered';
    }
    fireClose(self, code, reason, true);
  }

  // --- methods -----------------------------------------------------------------------------
  Engine.prototype.addEventListener = function (type, fn) {
    const st = get(this);
    const list = st.listeners[type] || (st.listeners[type] = []);
    if (fn && list.indexOf(fn) === -1) list.push(fn);
  };
  Engine.prototype.removeEventListener = function (type, fn) {
    const list = get(this).listeners[type] || [];
    const i = list.indexOf(fn);
    if (i !== -1) list.splice(i, 1);
  };
  Engine.prototype.dispatchEvent = function (ev) {
    dispatch(this, ev);
    return true;
  };

  Engine.prototype.send = function (data) {
    const st = get(this);
    if (arguments.length === 0) throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.");
    if (st.readyState === 0) {
      if (spec.send.connecting === 'plain-error') throw new Error('INVALID_STATE_ERR');
      throw engineError('InvalidStateError', 'Still in CONNECTING state.');
    }
    // What the engine makes of the value.
    let out; // string (text) or Buffer (binary)
    const tag = tagOf(data);
    const isView = ArrayBuffer.isView(data);
    if (typeof data === 'string') out = data;
    else if (spec.send.types === 'string') out = String(data); // "[object ArrayBuffer]"
    else if (tag === 'ArrayBuffer') out = Buffer.from(new Uint8Array(data).slice());
    else if (spec.send.types === 'string+arraybuffer') out = String(data); // views → "0,1,2"; Blob → "[object Blob]"
    else if (isView) out = Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice());
    else if (tag === 'Blob' || tag === 'File') {
      if (spec.send.blob === 'invariant') throw new Error('Invariant Violation: Native module BlobModule is required for blob support');
      out = spec.send.blob === 'text' ? String(data) : data;
    } else if (spec.send.otherTypes === 'throw') throw new Error('Unsupported data type');
    else out = String(data);
    if (typeof out === 'string') {
      if (LONE.test(out)) {
        if (spec.send.surrogates === 'throw') throw engineError('SyntaxError', 'Websocket message contains invalid character(s).');
        out = out.replace(LONE_G, spec.send.surrogates === 'question-mark' ? '?' : '\uFFFD');
      }
    }
    const size = typeof out === 'string' ? utf8(out) : out.size !== undefined && !Buffer.isBuffer(out) ? out.size : out.length;
    if (st.readyState !== 1) {
      if (spec.send.afterClose === 'throw') throw engineError('InvalidStateError', 'The connection is not currently OPEN');
      if (spec.send.afterClose === 'count' && spec.bufferedAmount !== 'no-growth') {
        st.buffered += size + (spec.bufferedAmount === 'bytes+framing' ? framing(size) : spec.bufferedAmount === 'bytes+2' ? 2 : 0);
      }
      return spec.send.returns === 'boolean' ? false : undefined;
    }
    if (typeof out === 'string') st.ws.send(out);
    else st.ws.send(out, { binary: true });
    return spec.send.returns === 'boolean' ? true : undefined;
  };

  Engine.prototype.close = function () {
    const st = get(this);
    const argc = spec.close.args === 'none' ? 0 : arguments.length; // extra arguments ignored
    const rawCode = arguments[0];
    const rawReason = arguments[1];
    let code;
    let reason;
    const v = spec.close.validate;
    const present = v === 'gecko8' ? argc > 0 : argc > 0 && rawCode !== undefined; // Gecko 8: argc-based
    if (present) {
      let n = Number(rawCode);
      if (spec.close.clamp === 'wrap') n = ((Math.trunc(n) || 0) % 65536 + 65536) % 65536;
      else if (spec.close.clamp === 'truncate') n = Math.trunc(n) || 0;
      else n = Number.isNaN(n) ? 0 : Math.min(65535, Math.max(0, Math.round(n)));
      code = n;
    }
    if (argc > 1 && rawReason !== undefined) reason = String(rawReason);
    const checkReason = v === 'spec' || v === 'gecko8' || v === 'presto' || ((v === 'reason-with-code' || v === 'bun') && code !== undefined);
    if (v !== 'none' && v !== 'rn-android' && v !== 'bun') {
      if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) throw engineError('InvalidAccessError', `The code must be either 1000, or between 3000 and 4999. ${code} is neither.`);
    }
    if (reason !== undefined && checkReason && !(v === 'bun' && code === 1000)) {
      if (spec.close.surrogates === 'throw' && LONE.test(reason)) throw engineError('SyntaxError', 'close message contains invalid character(s)');
      const long = v === 'presto' || v === 'bun' ? reason.length > 123 : utf8(reason) > 123;
      if (long) {
        if (v === 'bun') reason = undefined; // "longer reasons silently dropped"
        else throw engineError('SyntaxError', 'The message must not be greater than 123 bytes.');
      }
    }
    if (v === 'bun' && reason !== undefined && Buffer.byteLength(reason) > 123) reason = undefined; // dropped by the native client
    if (reason !== undefined) reason = reason.replace(LONE_G, spec.send.surrogates === 'question-mark' ? '?' : '\uFFFD');
    if (st.readyState >= 2) return;
    if (st.readyState === 0) {
      if (spec.close.connecting === 'noop-then-open') return; // RN Android (RN#35554)
      if (spec.close.connecting === 'after-connect') {
        st.readyState = 2;
        st.closeInConnecting = true;
        return;
      }
      st.readyState = 2;
      st.failed = true;
      st.ws.close(); // ws: aborts the handshake → error, close 1006
      return;
    }
    st.readyState = 2;
    if (code === undefined && spec.close.noCode === 1000) code = 1000;
    if (code === undefined) {
      st.ws.close();
      return;
    }
    const reasonBytes = reason === undefined ? 0 : Buffer.byteLength(reason);
    const rfcValid = (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
    if (rfcValid && reasonBytes <= 123) {
      st.ws.close(code, reason);
      return;
    }
    if (v === 'rn-android') {
      // OkHttp throws IllegalArgumentException; RN catches and logs it: the socket stays open.
      host.log(`Could not close WebSocket connection: code ${code}`);
      return;
    }
    writeRawClose(st.ws, code, reason || '');
  };

  defineConstants(Engine, C);
  if (spec.prototypeConstants === 'value') defineConstants(Engine.prototype, C);
  else if (spec.prototypeConstants === 'brand-getter') {
    for (const k of Object.keys(C)) {
      Object.defineProperty(Engine.prototype, k, {
        get() {
          get(this); // Deno: "Illegal invocation" on the prototype itself
          return C[k];
        },
        enumerable: true,
        configurable: true
      });
    }
  }
  if (spec.attributes === 'prototype') defineAttributes(Engine.prototype, true);

  const Ctor = spec.nativeCode ? new Proxy(Engine, {}) : Engine;
  Object.defineProperty(Engine, 'name', { value: specIn.globalName || 'WebSocket' });
  return {
    Ctor,
    sockets,
    spec,
    closeAll() {
      for (const s of sockets) {
        const st = s[STATE];
        st.noEvents = true;
        try {
          st.ws.terminate();
        } catch (e) {
          // already gone
        }
      }
    }
  };
}

function defineConstants(target, C) {
  for (const [k, v] of Object.entries(C)) {
    Object.defineProperty(target, k, { value: v, enumerable: true, writable: false, configurable: false });
  }
}

/** A masked client close frame written straight to the socket (engines that skip validation). */
function writeRawClose(ws, code, reason) {
  const body = Buffer.concat([Buffer.from([(code >> 8) & 255, code & 255]), Buffer.from(reason)]);
  const mask = randomBytes(4);
  const masked = Buffer.from(body.map((b, i) => b ^ mask[i % 4]));
  const head = body.length < 126 ? Buffer.from([0x88, 0x80 | body.length]) : Buffer.from([0x88, 0x80 | 126, body.length >> 8, body.length & 255]);
  try {
    ws._socket.write(Buffer.concat([head, mask, masked]));
  } catch (e) {
    // the connection is gone
  }
}
