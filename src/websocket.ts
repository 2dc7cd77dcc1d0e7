/**
 * The WebSocket interface (SPEC §2–§3; WHATWG WebSockets §3). An object of this class
 * owns one engine socket (a transport, SPEC §6) and forwards to it after converting and
 * validating in spec order; it keeps readyState, binaryType, bufferedAmount and the
 * event sequence itself so they are the same on every engine.
 */
import { domException } from './errors';
import { getEventClasses } from './events';
import { getTargetKind, TargetKind, OWN_TARGET_KIND } from './event-target';
import { getGlobal, hasOwn } from './global';
import { validateClose, CloseRequest } from './close-args';
import { Mode, toMode } from './modes';
import { parseWebSocketURL, toProtocolList } from './url';
import { isArrayBuffer, isArrayBufferView, isBlob, toDOMString, viewBytes, copyBytes } from './webidl';
import { hasUnpairedSurrogate, toWellFormed, utf8ByteLength } from './utf8';
import { SendQueue, Outgoing } from './send-queue';
import { makeBlob, readBlob } from './blob';
import { Backend, Transport } from './transports/types';

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSING = 2;
export const CLOSED = 3;

/** Marks classes made here, so install() never wraps a shim in a shim. */
export const SHIM_FLAG = '__websocketShim';

export interface ClassOptions {
  mode?: Mode;
  /** The backend, or a function giving it on first use (Node loads `ws` lazily). */
  backend: Backend | (() => Backend);
  /** For tests: force the package's own EventTarget and events. */
  eventTarget?: 'own';
}

interface State {
  url: string;
  origin: string;
  readyState: number;
  protocol: string;
  extensions: string;
  binaryType: 'blob' | 'arraybuffer';
  transport: Transport | null;
  queue: SendQueue;
  /** Bytes passed to send() after close(): counted, never sent (SPEC §2). */
  afterClose: number;
  /**
   * The engine's own bufferedAmount once the connection failed or closed: bytes it never put
   * on the network stay counted (SPEC §2: never reset), whatever the engine reports later
   * (Deno: 0 unless OPEN; a destroyed socket).
   */
  engineFinal: number | null;
  handlers: { [type: string]: any };
  wrappers: { [type: string]: (ev: any) => unknown };
  /** Inbound messages behind one whose Blob the shim must read first, in order. */
  inbox: Inbound[];
  /** The engine closed while messages in the inbox still waited: the close comes after them. */
  pendingClose: { code: number | undefined; reason: string; wasClean: boolean } | null;
}

/** A received message: text, an ArrayBuffer, or an engine's Blob (read when 'arraybuffer' is wanted). */
interface Inbound {
  data: any;
  blob: any;
  /** For a Blob: its bytes are read (data is the ArrayBuffer). */
  ready: boolean;
  reading: boolean;
  done: boolean;
}

const STATE = '__wsShimState';
const HANDLER_TYPES = ['open', 'message', 'error', 'close'];

export interface WebSocketClass {
  new (url: string | { toString(): string }, protocols?: string | string[], options?: unknown): any;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
  prototype: any;
}

export function createWebSocketClass(options: ClassOptions): WebSocketClass {
  const mode = toMode(options.mode);
  const target: TargetKind = options.eventTarget === 'own' ? OWN_TARGET_KIND : getTargetKind();
  const events = getEventClasses(target.native);
  let backend: Backend | null = typeof options.backend === 'function' ? null : options.backend;
  function getBackend(): Backend {
    if (!backend) backend = (options.backend as () => Backend)();
    return backend;
  }
  const baseDispatch: (ev: any) => boolean = target.proto.dispatchEvent;
  const baseAdd = target.proto.addEventListener;
  const baseRemove = target.proto.removeEventListener;

  function state(self: any): State {
    const s = self && hasOwn(self, STATE) ? self[STATE] : null;
    if (!s) throw new TypeError('Illegal invocation');
    return s;
  }

  function fire(self: any, ev: any): void {
    baseDispatch.call(self, ev);
  }

  // ---------------------------------------------------------------------------
  // Constructor: WHATWG WebSockets "new WebSocket(url, protocols)".
  // One declared parameter: WebSocket.length is 1, as for the IDL constructor.
  const WebSocket = function WebSocket(this: any, url: unknown) {
    const protocols: unknown = arguments[1];
    const backendOptions: unknown = arguments[2];
    if (!(this instanceof WebSocket)) {
      throw new TypeError("Failed to construct 'WebSocket': Please use the 'new' operator.");
    }
    if (arguments.length === 0) {
      throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
    }
    // Steps 1–5 (+ Fetch bad port): URL conversion, parsing and checks.
    const parsed = parseWebSocketURL(url);
    // Steps 6–7: protocols.
    const list = toProtocolList(protocols);
    const be = getBackend();
    const self = target.create(this.constructor);
    const s: State = {
      url: parsed.href,
      origin: parsed.origin,
      readyState: CONNECTING,
      protocol: '',
      extensions: '',
      binaryType: 'blob',
      transport: null,
      queue: null as unknown as SendQueue,
      afterClose: 0,
      engineFinal: null,
      handlers: {},
      wrappers: {},
      inbox: [],
      pendingClose: null
    };
    Object.defineProperty(self, STATE, { value: s, enumerable: false });
    s.queue = new SendQueue({
      canSendBlob: be.canSendBlob,
      write: function (data: Outgoing) {
        s.transport!.send(data);
      },
      fail: function () {
        // A Blob that cannot be read, or an engine that threw while taking queued data (or the
        // close behind it), fails the connection: error, then close 1006. Nothing is dropped silently.
        failConnection(self, s);
      }
    });
    // Step 8+: establish the connection (the engine does the network work).
    s.transport = be.create(parsed.href, list, backendOptions, {
      open: function (protocol, extensions) {
        if (s.readyState !== CONNECTING) return;
        // "Establish a WebSocket connection": protocols were asked for and the server selected
        // none (or one not offered, RFC 6455 §4.1) → fail the WebSocket connection. ws 7,
        // undici < 7.30 and older browsers open such a socket; the shim fails it itself.
        if (!selectedProtocolValid(list, protocol)) {
          failConnection(self, s);
          return;
        }
        s.readyState = OPEN;
        s.protocol = protocol;
        s.extensions = extensions;
        fire(self, new events.Event('open'));
      },
      message: function (data) {
        receive(self, s, data);
      },
      close: function (code, reason, wasClean) {
        closed(self, s, code, reason, wasClean);
      }
    });
    return self;
  } as unknown as WebSocketClass;

  // ---------------------------------------------------------------------------
  // Receiving: "When a WebSocket message has been received". Transports give text as a
  // string and binary as an ArrayBuffer, or as a Blob where the engine only gives Blobs. The
  // type is decided by binaryType when the event is dispatched (SPEC §2): an ArrayBuffer
  // becomes a Blob for 'blob' (the global Blob, else Node's buffer.Blob, else it stays an
  // ArrayBuffer: detect().unsupported); an engine's Blob is read for 'arraybuffer', and the
  // messages after it wait in the inbox so they keep their order.
  function receive(self: any, s: State, data: any): void {
    // Message events fire only while OPEN (old WebKit and Presto also fire while CLOSING).
    if (s.readyState !== OPEN) return;
    const blob = typeof data !== 'string' && isBlob(data);
    const item: Inbound = { data: blob ? null : data, blob: blob ? data : null, ready: !blob, reading: false, done: false };
    s.inbox.push(item);
    // Read at once when 'arraybuffer' is wanted now, so that reads overlap.
    if (blob && s.binaryType === 'arraybuffer') startRead(self, s, item);
    drainInbox(self, s);
  }

  function startRead(self: any, s: State, item: Inbound): void {
    if (item.reading || item.ready) return;
    item.reading = true;
    readBlob(item.blob, function (err, ab) {
      if (item.done) return; // already delivered as the Blob it was
      if (err) {
        // The engine's Blob cannot be read: fail the connection, never drop the message silently.
        if (s.readyState === OPEN || s.readyState === CLOSING) failConnection(self, s);
        return;
      }
      item.data = ab;
      item.ready = true;
      drainInbox(self, s);
    });
  }

  function drainInbox(self: any, s: State): void {
    while (s.inbox.length) {
      const item = s.inbox[0];
      if (s.readyState === OPEN && !item.ready) {
        // An engine's Blob at the head: as it is for 'blob'; read first for 'arraybuffer'.
        if (s.binaryType !== 'blob') {
          startRead(self, s, item);
          return;
        }
      }
      s.inbox.shift();
      item.done = true;
      if (s.readyState !== OPEN) continue;
      let data = item.data;
      if (typeof data !== 'string') {
        // binaryType at dispatch time decides the type (SPEC §2).
        if (s.binaryType === 'blob') data = item.blob || makeBlob(data) || data;
      }
      fire(self, new events.MessageEvent('message', { data: data, origin: s.origin, lastEventId: '', source: null, ports: [] }));
    }
    if (s.pendingClose) {
      const c = s.pendingClose;
      s.pendingClose = null;
      closed(self, s, c.code, c.reason, c.wasClean);
    }
  }

  // ---------------------------------------------------------------------------
  // "When the WebSocket connection is closed": CLOSED, error if it failed, then close.
  function closed(self: any, s: State, code: number | undefined, reason: string, wasClean: boolean): void {
    if (s.readyState === CLOSED) return;
    s.queue.stop();
    freezeEngineAmount(s);
    // Messages the engine gave before it closed come first (one still being read holds them).
    if (s.inbox.length) {
      s.pendingClose = { code: code, reason: reason, wasClean: wasClean };
      return;
    }
    s.readyState = CLOSED;
    // Inbound codes normalized: abnormal closure → 1006 and ''; no status code → 1005.
    if (!wasClean) {
      code = 1006;
      reason = '';
    } else if (typeof code !== 'number' || code === 0 || code === 1006) {
      code = 1005;
    }
    if (!wasClean) fire(self, new events.Event('error'));
    fire(self, new events.CloseEvent('close', { wasClean: wasClean, code: code, reason: reason }));
  }

  function freezeEngineAmount(s: State): void {
    if (s.engineFinal === null) s.engineFinal = s.transport ? s.transport.bufferedAmount() : 0;
  }

  function failConnection(self: any, s: State): void {
    if (s.readyState === CLOSED) return;
    if (s.readyState !== CLOSING) s.readyState = CLOSING;
    s.queue.stop();
    // Messages not yet dispatched are not delivered after a failure (readyState is not OPEN).
    s.inbox.length = 0;
    s.pendingClose = null;
    freezeEngineAmount(s);
    if (s.transport) s.transport.abort();
    setTimeout(function () {
      closed(self, s, 1006, '', false);
    }, 0);
  }

  // ---------------------------------------------------------------------------
  // close(code, reason)
  function close(this: any) {
    const s = state(this);
    // Steps 1–2: conversion and validation come first, whatever the state.
    const req: CloseRequest = validateClose(arguments, mode);
    // Step 3: CLOSING or CLOSED → nothing.
    if (s.readyState === CLOSING || s.readyState === CLOSED) return;
    // Step 4: not yet established → fail the connection, readyState CLOSING.
    if (s.readyState === CONNECTING) {
      failConnection(this, s);
      return;
    }
    // SPEC §4: an engine whose close() takes no arguments (hixie-76 WebKit, Gecko 6/7) cannot put
    // a code other than the default 1000, or a reason, on the wire: fail loudly, stay OPEN.
    if (getBackend().closeTakesArguments === false && ((req.code !== undefined && req.code !== 1000) || req.reason)) {
      throw domException('NotSupportedError', "This engine's close() cannot send a code or reason.");
    }
    // Step 5: start the closing handshake; queued data goes first (SPEC §2).
    s.readyState = CLOSING;
    s.queue.whenDrained(function () {
      s.transport!.close(req.code, req.reason);
    });
  }

  // ---------------------------------------------------------------------------
  // send(data)
  function send(this: any, data: unknown) {
    const s = state(this);
    const be = getBackend();
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.");
    }
    // IDL union conversion: ArrayBuffer, ArrayBufferView, Blob, else USVString.
    let out: Outgoing;
    let blob = false;
    let text: string | null = null;
    if (typeof data === 'string') {
      text = data;
    } else if (isArrayBuffer(data)) {
      out = data;
    } else if (isArrayBufferView(data)) {
      // Only the viewed bytes; as a Uint8Array for engines that send other views wrongly
      // (Node 21 element by element, Gecko 11–17 as text).
      out = be.sendsViews ? data : viewBytes(data);
    } else if (isBlob(data)) {
      out = data;
      blob = true;
    } else {
      text = toDOMString(data);
    }
    // Step 1: CONNECTING → InvalidStateError.
    if (s.readyState === CONNECTING) throw domException('InvalidStateError', "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.");
    // SPEC §4: an engine without binary frames (hixie-76 WebKit, Gecko 6–10) would send binary data as
    // the text "[object ArrayBuffer]": fail loudly instead (after close nothing is sent: no exception).
    if (text === null && s.readyState === OPEN && be.sendsBinary === false) {
      throw domException('NotSupportedError', 'This engine cannot send binary data.');
    }
    if (text !== null) {
      // SPEC §3: strict rejects unpaired surrogates; standard replaces them (USVString).
      if (mode === 'strict') {
        if (hasUnpairedSurrogate(text)) {
          throw domException('SyntaxError', "Failed to execute 'send' on 'WebSocket': The message contains an unpaired surrogate.");
        }
      } else {
        text = toWellFormed(text);
      }
      out = text;
    }
    // The common path: OPEN, nothing queued, nothing to convert → straight to the engine.
    if (s.readyState === OPEN && s.queue.canBypass(blob)) {
      s.transport!.send(out!);
      return;
    }
    const size = text !== null ? utf8ByteLength(text) : blob ? (out! as Blob).size : (out! as ArrayBuffer | ArrayBufferView).byteLength;
    // CLOSING or CLOSED (or the engine already gone): no exception; bufferedAmount grows by
    // the payload size, no framing, and never goes back down.
    if (s.readyState !== OPEN || s.queue.stopped) {
      s.afterClose += size;
      return;
    }
    // Waiting behind a Blob: a copy of the bytes as they are now, so a buffer reused right
    // after send() does not change what is sent (strings and Blobs are immutable).
    if (text === null && !blob) out = copyBytes(out! as ArrayBuffer | ArrayBufferView);
    s.queue.push(out!, size, blob);
  }

  // ---------------------------------------------------------------------------
  // The prototype: EventTarget below, then attributes, methods, handlers, constants.
  WebSocket.prototype = Object.create(target.proto, {
    constructor: { value: WebSocket, writable: true, configurable: true }
  });
  // As `class WebSocket extends EventTarget` would: statics inherit (Node's brand check needs it).
  if (target.base) Object.setPrototypeOf(WebSocket, target.base);
  const proto = WebSocket.prototype;
  function method(name: string, fn: Function): void {
    Object.defineProperty(proto, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  function getter(name: string, get: (s: State) => unknown, set?: (s: State, v: unknown, self: any) => void): void {
    Object.defineProperty(proto, name, {
      get: function (this: any) {
        return get(state(this));
      },
      set: set
        ? function (this: any, v: unknown) {
            set(state(this), v, this);
          }
        : undefined,
      enumerable: true,
      configurable: true
    });
  }
  method('close', close);
  method('send', send);
  getter('url', function (s) {
    return s.url;
  });
  getter('readyState', function (s) {
    return s.readyState;
  });
  getter('bufferedAmount', function (s) {
    // Bytes the shim holds + bytes the engine holds (as it last said, once closed) + bytes
    // passed to send() after close(). Transports report the engine's value as a number >= 0.
    const engine = s.engineFinal !== null ? s.engineFinal : s.transport ? s.transport.bufferedAmount() : 0;
    return s.queue.bytes + engine + s.afterClose;
  });
  getter('extensions', function (s) {
    return s.extensions;
  });
  getter('protocol', function (s) {
    return s.protocol;
  });
  getter(
    'binaryType',
    function (s) {
      return s.binaryType;
    },
    function (s, v) {
      // Enum attribute: other values are ignored, without an exception.
      const t = '' + v;
      if (t === 'blob' || t === 'arraybuffer') s.binaryType = t;
    }
  );
  HANDLER_TYPES.forEach(function (type) {
    getter(
      'on' + type,
      function (s) {
        return s.handlers[type] === undefined ? null : s.handlers[type];
      },
      function (s, v, self) {
        // Event handler IDL attribute: non-callables become null. The listener keeps its
        // place when the handler changes (undici and ws 8 move it to the end).
        const fn = typeof v === 'function' ? v : null;
        if (fn === null) {
          if (s.wrappers[type]) baseRemove.call(self, type, s.wrappers[type]);
          delete s.wrappers[type];
          delete s.handlers[type];
          return;
        }
        s.handlers[type] = fn;
        if (!s.wrappers[type]) {
          s.wrappers[type] = function (this: any, ev: any) {
            const h = s.handlers[type];
            if (typeof h === 'function') return h.call(this, ev);
          };
          baseAdd.call(self, type, s.wrappers[type]);
        }
      }
    );
  });
  const constants = { CONNECTING: CONNECTING, OPEN: OPEN, CLOSING: CLOSING, CLOSED: CLOSED };
  for (const k in constants) {
    const d = { value: (constants as any)[k], enumerable: true, writable: false, configurable: false };
    Object.defineProperty(WebSocket, k, d);
    Object.defineProperty(proto, k, d);
  }
  Object.defineProperty(WebSocket, SHIM_FLAG, { value: { mode: mode, backend: getBackend }, enumerable: false });
  const S = getGlobal().Symbol;
  if (S && typeof S.toStringTag === 'symbol') {
    Object.defineProperty(proto, S.toStringTag, { value: 'WebSocket', configurable: true });
  }
  return WebSocket;
}

/**
 * The server's Sec-WebSocket-Protocol as the engine reports it, checked against what was asked:
 * none asked → none selected; some asked → exactly one of them (an empty value is none).
 */
export function selectedProtocolValid(requested: string[], selected: string): boolean {
  if (requested.length === 0) return selected === '';
  for (let i = 0; i < requested.length; i++) if (requested[i] === selected) return true;
  return false;
}

export function isShimClass(Ctor: unknown): boolean {
  return typeof Ctor === 'function' && hasOwn(Ctor, SHIM_FLAG);
}
