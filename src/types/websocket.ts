/**
 * The public WebSocket type: lib.dom's WebSocket interface (WHATWG WebSockets IDL), standalone
 * (as undici-types does), plus the third constructor argument the shim passes to a Node
 * backend. Type-only: nothing here reaches the bundles.
 */
import { AnyListener, HostBlob, HostHeaders, HostCloseEvent, HostEvent, HostMessageEvent, HostURL, ListenerOptions } from './host';

/** binaryType: 'blob' (default) or 'arraybuffer'; other values are ignored at runtime. */
export type BinaryType = 'arraybuffer' | 'blob';

/** The event types a WebSocket dispatches, and their event objects. */
export interface WebSocketEventMap {
  close: HostCloseEvent;
  error: HostEvent;
  message: HostMessageEvent;
  open: HostEvent;
}

export interface WebSocket {
  /** 'blob' (default) or 'arraybuffer': the type of binary messages, read when each is dispatched. */
  binaryType: BinaryType;
  /** Bytes queued and not yet sent (by the shim and the engine); grows after close, never resets. */
  readonly bufferedAmount: number;
  /** The extensions the server selected; '' until open. */
  readonly extensions: string;
  onclose: ((this: WebSocket, ev: HostCloseEvent) => any) | null;
  onerror: ((this: WebSocket, ev: HostEvent) => any) | null;
  onmessage: ((this: WebSocket, ev: HostMessageEvent) => any) | null;
  onopen: ((this: WebSocket, ev: HostEvent) => any) | null;
  /** The subprotocol the server selected; '' until open. */
  readonly protocol: string;
  /** CONNECTING 0, OPEN 1, CLOSING 2, CLOSED 3. */
  readonly readyState: number;
  /** The resolved absolute URL (http: becomes ws:, https: wss:). */
  readonly url: string;
  /**
   * Closes the connection: code 1000 or 3000–4999 (else InvalidAccessError), reason at most
   * 123 UTF-8 bytes (else SyntaxError); validated before the state is looked at.
   */
  close(code?: number, reason?: string): void;
  /** Sends text or bytes, byte-exact and in call order; InvalidStateError while CONNECTING. */
  send(data: string | ArrayBufferLike | HostBlob | ArrayBufferView): void;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
  addEventListener<K extends keyof WebSocketEventMap>(
    type: K,
    listener: (this: WebSocket, ev: WebSocketEventMap[K]) => any,
    options?: boolean | ListenerOptions
  ): void;
  addEventListener(type: string, listener: AnyListener | null, options?: boolean | ListenerOptions): void;
  removeEventListener<K extends keyof WebSocketEventMap>(
    type: K,
    listener: (this: WebSocket, ev: WebSocketEventMap[K]) => any,
    options?: boolean | { capture?: boolean }
  ): void;
  removeEventListener(type: string, listener: AnyListener | null, options?: boolean | { capture?: boolean }): void;
  dispatchEvent(event: HostEvent): boolean;
}

/**
 * Options of the `ws` package's client (ClientOptions, ws 7 and 8), for Node without a built-in
 * WebSocket. Open-ended: ws passes the rest to http.request / tls.connect.
 */
export interface WsClientOptionsLike {
  headers?: { [name: string]: string };
  handshakeTimeout?: number;
  maxPayload?: number;
  followRedirects?: boolean;
  maxRedirects?: number;
  origin?: string;
  protocolVersion?: number;
  perMessageDeflate?: boolean | object;
  skipUTF8Validation?: boolean;
  allowSynchronousEvents?: boolean;
  autoPong?: boolean;
  [option: string]: any;
}

/** undici's WebSocketInit (Node's built-in WebSocket); `protocols` is set by the shim from the second argument. */
export interface WebSocketInitLike {
  headers?: string[][] | { [name: string]: string | ReadonlyArray<string> } | HostHeaders;
  /** An undici Dispatcher (Agent, ProxyAgent, …). */
  dispatcher?: unknown;
  protocols?: string | string[];
}

/** The third constructor argument: handed to the backend in Node, Deno and Bun; never to a browser. */
export type WebSocketOptions = WsClientOptionsLike | WebSocketInitLike;

export interface WebSocketConstructor {
  readonly prototype: WebSocket;
  new (url: string | HostURL, protocols?: string | string[], options?: WebSocketOptions): WebSocket;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
}

/** CloseEvent's init dictionary. */
export interface CloseEventInit {
  bubbles?: boolean;
  cancelable?: boolean;
  composed?: boolean;
  code?: number;
  reason?: string;
  wasClean?: boolean;
}

/** MessageEvent's init dictionary. */
export interface MessageEventInit<T = any> {
  bubbles?: boolean;
  cancelable?: boolean;
  composed?: boolean;
  data?: T;
  lastEventId?: string;
  origin?: string;
  source?: unknown;
  ports?: unknown[];
}

export type CloseEvent = HostCloseEvent;
export type MessageEvent = HostMessageEvent;

export interface CloseEventConstructor {
  readonly prototype: HostCloseEvent;
  new (type: string, eventInitDict?: CloseEventInit): HostCloseEvent;
}

export interface MessageEventConstructor {
  readonly prototype: HostMessageEvent;
  new (type: string, eventInitDict?: MessageEventInit): HostMessageEvent;
}

/** The patched WebSocket (strict mode, the host's engine, resolved at first use). */
export declare const WebSocket: WebSocketConstructor;
/** The native CloseEvent where conformant, else the package's own. */
export declare const CloseEvent: CloseEventConstructor;
/** The native MessageEvent where conformant, else the package's own. */
export declare const MessageEvent: MessageEventConstructor;
