/**
 * Backend for the `ws` package (7.x and 8.x) in Node without a built-in WebSocket.
 * ws differs from the spec in ways the class must not see (QUIRKS §2–§5, §9): its
 * 'message' listener gets (Buffer, isBinary) in 8 and a string in 7 for text; binaryType
 * defaults to 'nodebuffer'; close() validates only when OPEN and ws 7 is stuck after its
 * own throw; send(null) sends an empty binary frame; an unhandled 'error' kills Node.
 */
import { Backend, Failure, Transport, TransportEvents } from './types';
import { mapEngineError } from './map-error';
import { closeWith, engineBufferedAmount, enginePeerClosing, engineSend, failureOf, str } from './engine-calls';
import { Outgoing } from '../send-queue';
import { isArrayBufferTagged } from '../global';

/** Whether a constructor is the `ws` package's client class (an EventEmitter). */
export function isWsClass(Ctor: any): boolean {
  return typeof Ctor === 'function' && !!Ctor.prototype && typeof Ctor.prototype.on === 'function' &&
    typeof Ctor.prototype.terminate === 'function';
}

/** ws 7 (and older): no `WebSocketServer` export, which ws 8 added. */
function isWs7OrOlder(WS: any): boolean {
  return typeof WS.WebSocketServer !== 'function' && typeof WS.Server === 'function';
}

export function wsBackend(WS: any): Backend {
  const quirks = [
    'wsBinaryTypeNodebuffer',
    'wsTypeErrorForCloseCode',
    'wsRangeErrorForLongReason',
    'wsValidatesOnlyWhenOpen',
    'wsSendNullAsEmptyBinary',
    'wsNoBlobSendBefore8_18',
    'wsErrorEventKillsProcess'
  ];
  // ws 7 (QUIRKS §4, §5a, §9): text as a string in 'message', no protocol validation, onX
  // assignment drops addEventListener listeners (the transport only uses .on()), stuck after
  // its own close() throws (the class validates first, so ws never throws).
  if (isWs7OrOlder(WS)) {
    quirks.push('ws7MessageTextAsString', 'ws7NoProtocolValidation', 'ws7HandlerAssignmentRemovesListeners', 'ws7StuckAfterThrowingClose');
  }
  return {
    name: 'ws',
    native: WS,
    canSendBlob: false,
    // ws sends exactly a view's bytes for every view type (Buffer.from(buffer, offset, length)).
    sendsViews: true,
    // ws 7 and 8 encode text with Buffer.from / Buffer.byteLength: U+FFFD for an unpaired surrogate.
    encodesUSV: true,
    quirks: quirks,
    create: function (url, protocols, options, events) {
      return createWsTransport(WS, url, protocols, options, events);
    }
  };
}

/** Where the transport is found from the engine objects whose listeners it shares. */
const TRANSPORT = '__websocketShimTransport';

/**
 * One `ws` socket as a transport. Its listeners are shared by every socket (EventEmitter calls
 * them with the emitter as `this`, which holds its transport): issue 13 counted ~10 closures per
 * socket here. send, close, bufferedAmount and peerClosing call the engine as engine-calls.ts says.
 */
class WsTransport implements Transport {
  closed = false;
  detached = false;
  failure: Failure | undefined = undefined;
  constructor(
    public socket: any,
    public events: TransportEvents
  ) {}

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
      // Failing the connection drops TCP: the peer sees no Close frame (RFC 6455 §7.1.7).
      this.socket.terminate();
    } catch (e) {
      // Failing the connection cannot fail.
    }
  }
}

/**
 * The events a ws socket emits, taken where ws emits them: its `emit` (EventEmitter's, which ws
 * 7 and 8 call as `this.emit(...)` for every event) shadowed by an own property of this private
 * socket, one function for every socket. 'open', 'message', 'error' and 'close' go to the
 * transport and to no listener: the socket gets none (issue 13: four listeners grew each
 * socket's listener table by ~128 B), and an 'error' is never unhandled (an 'error' without a
 * listener crashes Node, smoldot#2604; ws emits it when it fails the connection: ECONNREFUSED,
 * "Unexpected server response: 401", a bad Sec-WebSocket-Accept, a protocol error; 'close'
 * follows). Anything else ('upgrade', 'unexpected-response', 'ping', 'redirect') is emitted as
 * before.
 */
function takeEmit(this: any, type: string, a?: any, b?: any): boolean {
  if (type === 'open') onOpen.call(this);
  else if (type === 'message') onMessage.call(this, a, b);
  else if (type === 'error') onError.call(this, a);
  else if (type === 'close') onClose.call(this, a, b);
  else return Object.getPrototypeOf(this).emit.apply(this, arguments);
  return true;
}

function createWsTransport(WS: any, url: string, protocols: string[], options: unknown, events: TransportEvents): Transport {
  let socket: any;
  try {
    socket = options !== undefined ? new WS(url, protocols, options) : new WS(url, protocols);
  } catch (e) {
    throw mapEngineError(e, 'SyntaxError');
  }
  const t = new WsTransport(socket, events);
  socket[TRANSPORT] = t;
  socket.binaryType = 'arraybuffer';
  socket.emit = takeEmit;
  return t;
}

function onOpen(this: any): void {
  const t: WsTransport = this[TRANSPORT];
  // The peer's Close frame has no event of its own: ws answers it at once (readyState CLOSING),
  // which the class reads on every access (peerClosing()).
  if (!t.detached) t.events.open(str(this.protocol), str(this.extensions));
}

function onMessage(this: any, data: any, isBinary?: boolean): void {
  const t: WsTransport = this[TRANSPORT];
  if (t.detached || t.closed) return;
  t.events.message(messageData(data, isBinary));
}

function onError(this: any, e: unknown): void {
  const t: WsTransport = this[TRANSPORT];
  if (!t.failure) t.failure = failureOf(e);
}

function onClose(this: any, code: number, reason: any): void {
  const t: WsTransport = this[TRANSPORT];
  if (t.closed || t.detached) return;
  t.closed = true;
  const failure = t.failure;
  const frame = this._closeFrameReceived;
  const wasClean = !failure && (frame === undefined ? code !== 1006 : !!(frame && this._closeFrameSent));
  // RFC 6455 §7.1.5: the code is the received Close frame's, even when TCP was then reset.
  // After a failure ws reports the code it sent (1002, 1009): no frame was received.
  const received = !failure && (frame === undefined ? code !== 1006 : !!frame);
  t.events.close({
    code: received ? code : undefined,
    reason: received && reason !== undefined ? reason.toString() : '',
    wasClean: wasClean,
    failure: failure
  });
}

/** ws's message as the class wants it: text as a string, binary as an ArrayBuffer. */
function messageData(data: any, isBinary?: boolean): string | ArrayBuffer {
  // ws 7: text arrives as a string.
  if (typeof data === 'string') return data;
  // ws 8: text arrives as a Buffer with isBinary false (toString() without an argument: UTF-8,
  // on Buffer's own fast path, as ws's own MessageEvent does).
  if (isBinary === false) return data.toString();
  if (isArrayBufferTagged(data)) return data;
  if (Array.isArray(data)) return concat(data);
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
}

function concat(chunks: Uint8Array[]): ArrayBuffer {
  let total = 0;
  for (let i = 0; i < chunks.length; i++) total += chunks[i].byteLength;
  const out = new Uint8Array(total);
  let p = 0;
  for (let i = 0; i < chunks.length; i++) {
    out.set(chunks[i], p);
    p += chunks[i].byteLength;
  }
  return out.buffer;
}
