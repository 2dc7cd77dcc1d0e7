/**
 * Backend for engines with a W3C-style WebSocket constructor: browsers, webviews,
 * `MozWebSocket` (Gecko 6–10), Node's built-in (undici, Node 22+ or 20/21 with
 * --experimental-websocket), Deno, Bun.
 */
import { Backend, Failure, Transport, TransportEvents } from './types';
import { mapEngineError } from './map-error';
import { closeWith, engineBufferedAmount, enginePeerClosing, engineSend, failureOf, str } from './engine-calls';
import { Outgoing } from '../send-queue';
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
  /**
   * The Node engines only (src/transports/undici-transport.ts): makes the transport of one engine
   * socket, which takes the engine's events itself. Absent: a NativeTransport that listens.
   */
  transport?: (socket: any, events: TransportEvents, url: string) => Transport;
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
      let socket: any;
      try {
        socket = construct(Native, url, protocols, o.optionsAs ? options : undefined, o.optionsAs);
      } catch (e) {
        throw mapEngineError(e, 'SyntaxError');
      }
      // Binary messages as ArrayBuffer; the class makes Blobs (SPEC: binaryType at dispatch).
      setBinaryType(socket, 'arraybuffer');
      if (o.transport) return o.transport(socket, events, url);
      const t = new NativeTransport(socket, events);
      listen(socket, t);
      if (o.engineBlobs) followBinaryType(socket, t);
      return t;
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
export function messageData(d: any): any {
  if (typeof d === 'string' || (typeof ArrayBuffer !== 'undefined' && d instanceof ArrayBuffer)) return d;
  // Bun's 'nodebuffer': a Buffer view; hand over exactly its bytes.
  if (typeof d !== 'string' && tagOf(d) !== 'ArrayBuffer' && d && tagOf(d.buffer) === 'ArrayBuffer' && typeof d.byteLength === 'number') {
    return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength);
  }
  return d;
}

const ENGINE_EVENTS = ['open', 'message', 'error', 'close'];

/**
 * The engine's listener for one socket and type. A closure per socket, not one shared function
 * reading `this`: an engine the shim does not control (a user's or a webview's own class, an
 * old engine's onX handlers) may call its listeners with any `this` (bug: a listener shared
 * through `this` threw a TypeError there). Node's engines (undici, ws) get none of these once
 * their events are taken where they fire them (src/transports/undici-transport.ts, ws.ts).
 */
function listenerFor(t: NativeTransport, type: string): (ev: any) => void {
  return function (ev: any) {
    t.handleEvent(ev, type);
  };
}

/** Listens to the engine socket's four events (the transport is told each with its type). */
export function listen(socket: any, t: NativeTransport): void {
  const add = typeof socket.addEventListener === 'function';
  for (let i = 0; i < ENGINE_EVENTS.length; i++) {
    const type = ENGINE_EVENTS[i];
    if (add) socket.addEventListener(type, listenerFor(t, type));
    else socket['on' + type] = listenerFor(t, type);
  }
}

/**
 * One engine socket as a transport: its state here, its methods on the prototype (issue 13:
 * one object per socket instead of a closure per method). send, close, bufferedAmount and
 * peerClosing call the engine as engine-calls.ts says.
 */
export class NativeTransport implements Transport {
  closed = false;
  detached = false;
  failure: Failure | undefined = undefined;
  constructor(
    public socket: any,
    public events: TransportEvents
  ) {}

  /** An engine event of the type its listener was added for. */
  handleEvent(ev: any, kind: string): void {
    if (kind === 'message') {
      if (this.detached || this.closed) return;
      this.events.message(messageData(ev.data));
    } else if (kind === 'open') this.opened();
    else if (kind === 'error') this.errored(ev);
    else if (kind === 'close') {
      const wasClean = ev.wasClean !== undefined ? !!ev.wasClean : ev.code !== 1006;
      this.reportClose(typeof ev.code === 'number' ? ev.code : undefined, str(ev.reason), wasClean);
    }
  }

  opened(): void {
    if (this.detached) {
      // RN Android: close() while CONNECTING is a no-op and open fires later (RN#35554).
      try {
        this.socket.close();
      } catch (e) {
        // nothing more to do
      }
      return;
    }
    const socket = this.socket;
    this.events.open(str(socket.protocol), str(socket.extensions !== undefined ? socket.extensions : socket.extension));
  }

  errored(ev: any): void {
    if (this.detached || this.closed) return;
    // The engine failed the connection; its ErrorEvent (undici) says why.
    if (!this.failure) this.failure = failureOf(ev);
    // undici 6: a refused connection fires only `error`, never `close` (QUIRKS §9).
    const self = this;
    setTimeout(function () {
      self.reportClose(undefined, '', false);
    }, 0);
  }

  reportClose(code: number | undefined, reason: string, wasClean: boolean): void {
    if (this.closed || this.detached) return;
    this.closed = true;
    const failure = this.failure;
    // After the engine failed the connection no Close frame counts (the code is 1006).
    this.events.close(failure ? { code: undefined, reason: '', wasClean: false, failure: failure } : { code: code, reason: reason, wasClean: wasClean });
  }

  send(data: Outgoing): void {
    engineSend(this.socket, data);
  }
  close(code?: number, reason?: string): void {
    closeWith(this.socket, code, reason);
  }
  bufferedAmount(): number {
    return engineBufferedAmount(this.socket);
  }
  peerClosing(): boolean {
    return enginePeerClosing(this.socket);
  }

  abort(): void {
    this.detached = true;
    try {
      // No engine of this family can drop TCP: its close() is the nearest (SPEC §6).
      this.socket.close();
    } catch (e) {
      // Failing the connection cannot fail.
    }
  }
}
