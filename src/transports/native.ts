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
  /** undici >= 7.30 keeps the socket of a handshake it failed (src/transports/undici-upgrade.ts). */
  failedHandshake?: FailedHandshakeRelease;
  /**
   * The engine fires its events by calling `socket.dispatchEvent(event)` from JavaScript (undici:
   * fireEvent in lib/web/websocket/util.js): the transport takes its events there, before any
   * dispatch, and hands a message event to the class, which may dispatch that very event at the
   * socket object instead of making a second one (issue 13: a second event and a second dispatch
   * per message ran at 0.48 of the native's rate). Once that is seen, engine sockets get no
   * listeners (issue 13: ~0.4 KB per socket).
   */
  takesEngineEvents?: boolean;
}

/** Watches an engine's handshakes and releases what a failed one leaves behind. */
export interface FailedHandshakeRelease {
  watch(): void;
  release(url: string): void;
  /** A connection opened: what was kept for handshakes that are now established can go. */
  opened(): void;
}

export function nativeBackend(Native: any, opts?: NativeBackendOptions): Backend {
  const o = opts || {};
  const takes: EngineEvents | undefined = o.takesEngineEvents ? { seen: false } : undefined;
  return {
    name: o.name || 'browser',
    native: Native,
    canSendBlob: o.canSendBlob !== false,
    sendsViews: o.sendsViews !== false,
    quirks: o.quirks || [],
    unsupported: o.unsupported || [],
    create: function (url, protocols, options, events) {
      if (o.failedHandshake) o.failedHandshake.watch();
      return createNativeTransport(Native, url, protocols, o.optionsAs ? options : undefined, o.optionsAs, events, o.failedHandshake, o.engineBlobs, takes);
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
function messageData(d: any): any {
  if (typeof d === 'string' || (typeof ArrayBuffer !== 'undefined' && d instanceof ArrayBuffer)) return d;
  // Bun's 'nodebuffer': a Buffer view; hand over exactly its bytes.
  if (typeof d !== 'string' && tagOf(d) !== 'ArrayBuffer' && d && tagOf(d.buffer) === 'ArrayBuffer' && typeof d.byteLength === 'number') {
    return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength);
  }
  return d;
}

/** Where the shared functions below find the transport of an engine socket. */
const TRANSPORT = '__websocketShimTransport';

/**
 * Per backend whose engine fires its events through `socket.dispatchEvent` (takesEngineEvents):
 * whether that has been seen (an 'open' came through takeEngineEvent). Until then every engine
 * socket also gets listeners, so nothing depends on it; from then on it gets none (issue 13:
 * four listeners were ~0.4 KB of an undici socket).
 */
interface EngineEvents {
  seen: boolean;
}

/**
 * The engine's dispatchEvent, shadowed by an own property of this private engine object (one
 * function for every socket; the engine calls it with the socket as `this`): the events the
 * transport listens to go to it instead of the engine's dispatch (nothing else listens to this
 * socket), a message event with the event itself. Any other type is dispatched as before.
 */
function takeEngineEvent(this: any, ev: any): boolean {
  const t: NativeTransport = this[TRANSPORT];
  const type = ev && ev.type;
  if (type === 'message') t.engineMessageEvent(ev);
  else if (type === 'open' || type === 'error' || type === 'close') {
    if (type === 'open') t.takes!.seen = true;
    t.handleEvent(ev, type);
  } else return t.engineDispatch!.call(this, ev);
  return true;
}

const ENGINE_EVENTS = ['open', 'message', 'error', 'close'];

/**
 * The engine's listener for one socket and type. A closure per socket, not one shared function
 * reading `this`: an engine the shim does not control (a user's or a webview's own class, an
 * old engine's onX handlers) may call its listeners with any `this` (bug: a listener shared
 * through `this` threw a TypeError there). The engines whose sockets the bench counts (undici,
 * ws) get none of these once their events are taken where they fire them.
 */
function listenerFor(t: NativeTransport, type: string): (ev: any) => void {
  return function (ev: any) {
    t.handleEvent(ev, type);
  };
}

function listen(socket: any, t: NativeTransport): void {
  const add = typeof socket.addEventListener === 'function';
  for (let i = 0; i < ENGINE_EVENTS.length; i++) {
    const type = ENGINE_EVENTS[i];
    if (add) socket.addEventListener(type, listenerFor(t, type));
    else socket['on' + type] = listenerFor(t, type);
  }
}

function createNativeTransport(
  Native: any,
  url: string,
  protocols: string[],
  options: unknown,
  optionsAs: 'init' | 'third' | undefined,
  events: TransportEvents,
  failedHandshake?: FailedHandshakeRelease,
  engineBlobs?: boolean,
  takes?: EngineEvents
): Transport {
  let socket: any;
  try {
    socket = construct(Native, url, protocols, options, optionsAs);
  } catch (e) {
    throw mapEngineError(e, 'SyntaxError');
  }

  const t = new NativeTransport(socket, events, url, failedHandshake);
  socket[TRANSPORT] = t;

  // Binary messages as ArrayBuffer; the class makes Blobs (SPEC: binaryType at dispatch).
  setBinaryType(socket, 'arraybuffer');

  const taken = !!takes && typeof socket.dispatchEvent === 'function';
  if (taken) {
    t.takes = takes;
    t.engineDispatch = socket.dispatchEvent;
    socket.dispatchEvent = takeEngineEvent;
  }
  if (!taken || !takes!.seen) listen(socket, t);
  if (engineBlobs) followBinaryType(socket, t);
  return t;
}

/**
 * One engine socket as a transport: its state here, its methods on the prototype (issue 13:
 * one object per socket instead of a closure per method). send, close, bufferedAmount and
 * peerClosing call the engine as engine-calls.ts says.
 */
class NativeTransport implements Transport {
  closed = false;
  detached = false;
  failure: Failure | undefined = undefined;
  private wasOpened = false;
  constructor(
    public socket: any,
    public events: TransportEvents,
    private url: string,
    private failedHandshake: FailedHandshakeRelease | undefined
  ) {}

  /** The engine's own dispatchEvent, where its events are taken (takeEngineEvent). */
  engineDispatch: ((ev: any) => boolean) | undefined = undefined;
  takes: EngineEvents | undefined = undefined;

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

  /** The engine's message event, taken before any dispatch: it goes with its data. */
  engineMessageEvent(ev: any): void {
    if (this.detached || this.closed) return;
    const data = ev.data;
    const d = messageData(data);
    this.events.message(d, d === data ? ev : undefined);
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
    this.wasOpened = true;
    if (this.failedHandshake) this.failedHandshake.opened();
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
    // The engine failed the handshake (no open): release what it may have kept.
    if (!this.wasOpened && this.failedHandshake) this.failedHandshake.release(this.url);
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
