/**
 * Backend for engines with a W3C-style WebSocket constructor: browsers, webviews,
 * `MozWebSocket` (Gecko 6–10), Node's built-in (undici, Node 22+ or 20/21 with
 * --experimental-websocket), Deno, Bun.
 */
import { Backend, Failure, Transport, TransportEvents } from './types';
import { mapEngineError } from './map-error';
import { engineCalls, failureOf, str } from './engine-calls';
import { tagOf } from '../global';

export interface NativeBackendOptions {
  name?: string;
  /** Engines that lose or reorder a Blob handed to send() (undici, Node 21). */
  canSendBlob?: boolean;
  /** Engines that send views wrongly (Node 21 element by element, Gecko 11–17 as text). */
  sendsViews?: boolean;
  /**
   * How the third constructor argument (backend options) reaches the engine: 'init' as the
   * WebSocketInit second argument `{ protocols, headers, ... }` (undici, Bun); 'third' as the
   * engine's own third argument `(url, protocols, options)` (React Native); absent: never
   * (browsers, Deno, an unknown native).
   */
  optionsAs?: 'init' | 'third';
  quirks?: string[];
  unsupported?: string[];
  /**
   * The engine makes Blobs the shim cannot (React Native: `new Blob([bytes])` throws there, its
   * BlobModule makes them): the engine's binaryType follows the socket's instead of staying
   * 'arraybuffer'.
   */
  engineBlobs?: boolean;
  /** undici >= 7.30 keeps the socket of a handshake it failed (src/transports/undici-upgrade.ts). */
  failedHandshake?: FailedHandshakeRelease;
}

/** Watches an engine's handshakes and releases what a failed one leaves behind. */
export interface FailedHandshakeRelease {
  watch(): void;
  release(url: string): void;
}

export function nativeBackend(Native: any, opts?: NativeBackendOptions): Backend {
  const o = opts || {};
  return {
    name: o.name || 'browser',
    native: Native,
    canSendBlob: o.canSendBlob !== false,
    sendsViews: o.sendsViews !== false,
    quirks: o.quirks || [],
    unsupported: o.unsupported || [],
    create: function (url, protocols, options, events) {
      if (o.failedHandshake) o.failedHandshake.watch();
      return createNativeTransport(Native, url, protocols, o.optionsAs ? options : undefined, o.optionsAs, events, o.failedHandshake, o.engineBlobs);
    }
  };
}

function setBinaryType(socket: any, type: string): void {
  try {
    socket.binaryType = type;
  } catch (e) {
    // WebKit <= 16, Presto, IE throw on unsupported values: keep the engine's default.
  }
}

/** The engine's binaryType as the socket's (initially 'blob'): the engine makes the Blobs. */
function followBinaryType(socket: any, t: Transport): void {
  setBinaryType(socket, 'blob');
  t.binaryType = function (type) {
    setBinaryType(socket, type);
  };
}

function on(target: any, type: string, fn: (ev: any) => void): void {
  if (typeof target.addEventListener === 'function') target.addEventListener(type, fn);
  else target['on' + type] = fn;
}

/** Backend options that can be passed on: an object (anything else is ignored, as by ws). */
function isOptions(options: unknown): boolean {
  return options !== undefined && options !== null && typeof options === 'object';
}

function construct(Native: any, url: string, protocols: string[], options: unknown, optionsAs?: 'init' | 'third'): any {
  // The engine is called with exactly the arguments it supports: no empty protocol
  // list (iOS 5 SyntaxError; old engines send "undefined"), no options to a browser.
  if (isOptions(options) && optionsAs === 'init') {
    // undici and Bun take a WebSocketInit `{ protocols, headers, ... }` second.
    const init: any = {};
    for (const k in options as any) init[k] = (options as any)[k];
    if (protocols.length) init.protocols = protocols;
    return new Native(url, init);
  }
  // React Native: `(url, protocols, options)`; protocols may be null.
  if (isOptions(options) && optionsAs === 'third') return new Native(url, protocols.length ? protocols : null, options);
  if (protocols.length) return new Native(url, protocols.length === 1 ? protocols[0] : protocols);
  return new Native(url);
}

/** The engine's message data as the class wants it: text, an ArrayBuffer, or the engine's Blob. */
function messageData(d: any): any {
  // Bun's 'nodebuffer': a Buffer view; hand over exactly its bytes.
  if (typeof d !== 'string' && tagOf(d) !== 'ArrayBuffer' && d && tagOf(d.buffer) === 'ArrayBuffer' && typeof d.byteLength === 'number') {
    return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength);
  }
  return d;
}

function createNativeTransport(
  Native: any,
  url: string,
  protocols: string[],
  options: unknown,
  optionsAs: 'init' | 'third' | undefined,
  events: TransportEvents,
  failedHandshake?: FailedHandshakeRelease,
  engineBlobs?: boolean
): Transport {
  let socket: any;
  try {
    socket = construct(Native, url, protocols, options, optionsAs);
  } catch (e) {
    throw mapEngineError(e, 'SyntaxError');
  }

  let closed = false;
  let detached = false;
  let failure: Failure | undefined;
  let opened = false;

  function reportClose(code: number | undefined, reason: string, wasClean: boolean): void {
    if (closed || detached) return;
    closed = true;
    // The engine failed the handshake (no open): release what it may have kept.
    if (!opened && failedHandshake) failedHandshake.release(url);
    // After the engine failed the connection no Close frame counts (the code is 1006).
    events.close(failure ? { code: undefined, reason: '', wasClean: false, failure: failure } : { code: code, reason: reason, wasClean: wasClean });
  }

  // Binary messages as ArrayBuffer; the class makes Blobs (SPEC: binaryType at dispatch).
  setBinaryType(socket, 'arraybuffer');

  on(socket, 'open', function () {
    if (detached) {
      // RN Android: close() while CONNECTING is a no-op and open fires later (RN#35554).
      try {
        socket.close();
      } catch (e) {
        // nothing more to do
      }
      return;
    }
    opened = true;
    events.open(str(socket.protocol), str(socket.extensions !== undefined ? socket.extensions : socket.extension));
  });
  on(socket, 'message', function (ev: any) {
    if (detached || closed) return;
    events.message(messageData(ev.data));
  });
  on(socket, 'error', function (ev: any) {
    if (detached || closed) return;
    // The engine failed the connection; its ErrorEvent (undici) says why.
    if (!failure) failure = failureOf(ev);
    // undici 6: a refused connection fires only `error`, never `close` (QUIRKS §9).
    setTimeout(function () {
      reportClose(undefined, '', false);
    }, 0);
  });
  on(socket, 'close', function (ev: any) {
    const wasClean = ev.wasClean !== undefined ? !!ev.wasClean : ev.code !== 1006;
    reportClose(typeof ev.code === 'number' ? ev.code : undefined, str(ev.reason), wasClean);
  });

  const t = engineCalls(socket, function () {
    detached = true;
    try {
      // No engine of this family can drop TCP: its close() is the nearest (SPEC §6).
      socket.close();
    } catch (e) {
      // Failing the connection cannot fail.
    }
  });
  if (engineBlobs) followBinaryType(socket, t);
  return t;
}
