/**
 * The life of one socket as an explicit state machine (WHATWG WebSockets §3, "Feedback from the
 * protocol"; RFC 6455 §7). States: CONNECTING → OPEN → CLOSING → CLOSED. Inputs: the user's
 * send()/close(), the engine's open / message / closing / close (src/transports), a drained send
 * queue, a Blob that cannot be read, an engine that throws. Each transition is a method named
 * after the Standard's algorithm it implements; every input arrives through one of them, and an
 * engine exception becomes "fail the WebSocket connection", so no input leaves the machine
 * between states. The public interface (src/websocket.ts, src/interface.ts) only brand-checks,
 * converts and delegates here.
 */
import { EventClasses } from './events';
import { makeBlob } from './blob';
import { copyBytes } from './webidl';
import { SendQueue, Outgoing, QueueSink } from './send-queue';
import { ReceiveQueue, ReceiveSink } from './receive-queue';
import { SendData, sizeOf } from './send-data';
import { utf8ByteLength } from './utf8';
import { CloseRequest } from './close-args';
import { Backend, CloseReport, Failure, Transport } from './transports/types';
import { mapEngineError } from './transports/map-error';
import { failureOf } from './transports/engine-calls';

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSING = 2;
export const CLOSED = 3;

/** What the machine needs from the socket object it belongs to. */
export interface CoreHost {
  /** Dispatches an event at the socket object (its EventTarget). */
  fire(ev: any): void;
  events: EventClasses;
  /** The serialized origin of the socket's URL (MessageEvent.origin). */
  origin: string;
}

/** No subprotocols (shared: an open socket keeps no list of its own). */
const NONE: string[] = [];

export class SocketCore implements QueueSink, ReceiveSink {
  readyState = CONNECTING;
  protocol = '';
  extensions = '';
  binaryType: 'blob' | 'arraybuffer' = 'blob';
  private transport: Transport | null = null;
  /** Made when data must first wait (issue 13: most sockets never need one); null: nothing queued. */
  private sendQueue: SendQueue | null = null;
  private inbox: ReceiveQueue;
  /** Bytes passed to send() that will never be sent (after close(), or lost to a failure). */
  private unsent = 0;
  /**
   * The engine's own bufferedAmount once the connection failed or closed: bytes it never put on
   * the network stay counted (SPEC §2: never reset), whatever the engine reports later. Set
   * when sending stops (stopSending): null while data may still be handed to the engine.
   */
  private engineFinal: number | null = null;
  /** Set by "fail the WebSocket connection": the error event comes, with these details. */
  private failure: Failure | null = null;
  /**
   * Messages handed straight to the engine in the current task: bufferedAmount counts them until
   * a later task (SPEC §2), also where the engine wrote them to the socket at once and reports 0
   * (`ws`, React Native). Binary sizes are added as they are sent (a byteLength); the UTF-8
   * length of strings only when bufferedAmount is read (issue 13: most tasks never read it).
   */
  private inTaskBytes = 0;
  private inTaskText: string[] | null = null;
  private inTaskCounted = false;
  /** Whether the engine's own message events are those the socket dispatches (undefined: not seen yet). */
  private engineEventsFit: boolean | undefined = undefined;
  /** The subprotocols asked for (the handshake's selection is checked against them). */
  private requested: string[] = NONE;

  constructor(private backend: Backend, private host: CoreHost) {
    // The queues call back this machine through the methods below (QueueSink, ReceiveSink):
    // no closures or sink objects per socket.
    this.inbox = new ReceiveQueue(this);
  }

  /** Whether the engine can take a Blob as it is (the send queue reads the others). */
  get canSendBlob(): boolean {
    return this.backend.canSendBlob;
  }

  /**
   * The connection failed or the engine closed: nothing more is handed to the engine; what was
   * queued and what the engine held stay counted (its bufferedAmount frozen, engineFinal).
   */
  private stopSending(): void {
    if (this.engineFinal !== null) return;
    if (this.sendQueue) this.sendQueue.stop();
    this.engineFinal = this.transport ? this.transport.bufferedAmount() : 0;
  }

  /** Whether sending stopped (stopSending): send() then only counts what it is given. */
  private sendingStopped(): boolean {
    return this.engineFinal !== null;
  }

  // ---------------------------------------------------------------------------
  // The send queue's sink (src/send-queue.ts).

  /** Hands queued data to the engine. */
  write(data: Outgoing): void {
    this.transport!.send(data);
  }

  /**
   * A Blob that cannot be read, or an engine that threw while taking queued data (or the close
   * behind it), fails the connection: error, then close 1006. Nothing is dropped silently.
   */
  fail(e: unknown): void {
    this.failConnection(failureOf(e));
  }

  // ---------------------------------------------------------------------------
  // The inbox's sink (src/receive-queue.ts); dispatchMessage, closingHandshakeStarted and
  // connectionClosed are below.

  isOpen(): boolean {
    return this.readyState === OPEN;
  }

  currentBinaryType(): string {
    return this.binaryType;
  }

  /** An engine's Blob cannot be read: the connection fails (never a silent drop). */
  blobUnreadable(e: unknown): void {
    if (this.readyState === OPEN || this.readyState === CLOSING) this.failConnection(failureOf(e));
  }

  // ---------------------------------------------------------------------------
  // Establishing: "establish a WebSocket connection" (the engine does the network work). An
  // engine that throws here throws from the constructor, mapped to a DOMException.
  connect(url: string, protocols: string[], options: unknown): void {
    this.requested = protocols;
    // The inbox takes the engine's inputs (TransportEvents) and hands them back in order.
    this.transport = this.backend.create(url, protocols, options, this.inbox);
  }

  /**
   * Fetch returned a network error before any engine was asked (a bad port in standard mode):
   * the connection fails as the Standard says, readyState CONNECTING until then, and in a later
   * task CLOSED, error, close 1006. Nothing reaches the network.
   */
  networkError(): void {
    const self = this;
    setTimeout(function () {
      self.connectionClosed({ code: undefined, reason: '', wasClean: false, failure: { error: undefined, message: '' } });
    }, 0);
  }

  /**
   * The engine closed (the inbox calls this before it queues the close, which may wait behind
   * messages while the socket is still OPEN): nothing more is handed to it; what it held stays
   * counted. Returns whether its close still counts (false once CLOSED or after a failure,
   * whose own close comes).
   */
  acceptEngineClose(): boolean {
    if (this.readyState === CLOSED || this.failure) return false;
    this.stopSending();
    return true;
  }

  /**
   * "When the WebSocket connection is established": OPEN, then open. "Establish a WebSocket
   * connection" first checks the server's selection: protocols were asked for and none (or one
   * not offered, RFC 6455 §4.1) was selected → fail the WebSocket connection. ws 7, undici < 7.30
   * and older browsers open such a socket; the machine fails it itself (no open; error, close 1006).
   */
  connectionEstablished(protocol: string, extensions: string): void {
    if (this.readyState !== CONNECTING) return;
    if (!selectedProtocolValid(this.requested, protocol)) {
      this.failConnection({ error: undefined, message: "The server's Sec-WebSocket-Protocol '" + protocol + "' is not one of those requested." });
      return;
    }
    this.requested = NONE;
    this.readyState = OPEN;
    this.protocol = protocol;
    this.extensions = extensions;
    this.host.fire(new this.host.events.Event('open'));
  }

  /** The binaryType setter's value (an enum value already); an engine that makes the Blobs follows it. */
  setBinaryType(type: 'blob' | 'arraybuffer'): void {
    this.binaryType = type;
    if (this.transport && this.transport.binaryType) this.transport.binaryType(type);
  }

  /** The message event; binaryType at dispatch time decides the type of binary data (SPEC §2). */
  dispatchMessage(data: any, engineBlob: any, engineEvent?: any): void {
    // The engine's own event, where it gave one that is exactly the event the Standard asks for:
    // of the class the socket's events are, its data of the type binaryType asks for now, the
    // socket's origin (lastEventId '', source null and no ports, as the engine made it).
    if (engineEvent && (typeof data === 'string' || this.binaryType === 'arraybuffer')) {
      // Class and origin are the same for every event of one engine socket: checked once.
      if (this.engineEventsFit === undefined) {
        this.engineEventsFit = engineEvent instanceof this.host.events.MessageEvent && engineEvent.origin === this.host.origin;
      }
      if (this.engineEventsFit) {
        this.host.fire(engineEvent);
        return;
      }
    }
    if (typeof data !== 'string' && this.binaryType === 'blob') data = engineBlob || makeBlob(data) || data;
    // lastEventId '', source null and ports [] are MessageEventInit's defaults: not passed, so
    // the engine's constructor converts two members instead of five (a sequence among them).
    this.host.fire(new this.host.events.MessageEvent('message', { data: data, origin: this.host.origin }));
  }

  // ---------------------------------------------------------------------------
  // Transitions named after the Standard's algorithms.

  /**
   * "Fail the WebSocket connection" (RFC 6455 §7.1.7): CLOSING at once; the engine dropped
   * (terminate() where it can); queued data and undelivered messages let go; then, in a later
   * task, CLOSED, error, close 1006. Callable before any engine exists (a bad port in standard
   * mode): nothing reaches the network then.
   */
  failConnection(failure?: Failure): void {
    if (this.readyState === CLOSED || this.failure) return;
    this.failure = failure || { error: undefined, message: '' };
    this.readyState = CLOSING;
    this.stopSending();
    // Messages not yet dispatched are not delivered after a failure (readyState is not OPEN).
    this.inbox.clear();
    if (this.transport) this.transport.abort();
    const self = this;
    setTimeout(function () {
      self.connectionClosed({ code: undefined, reason: '', wasClean: false });
    }, 0);
  }

  /**
   * "Start the WebSocket closing handshake" (close() while OPEN): CLOSING; the Close frame goes
   * after everything queued (SPEC §2). An engine whose close() throws fails the connection.
   */
  startClosingHandshake(req: CloseRequest): void {
    this.readyState = CLOSING;
    const self = this;
    const closeEngine = function () {
      const t = self.transport;
      if (!t || self.failure) return;
      try {
        t.close(req.code, req.reason);
      } catch (e) {
        self.failConnection(failureOf(mapEngineError(e, 'InvalidAccessError')));
      }
    };
    if (this.sendQueue) this.sendQueue.whenDrained(closeEngine);
    else closeEngine();
  }

  /** "The WebSocket closing handshake is started" (the peer's Close frame): CLOSING. */
  closingHandshakeStarted(): void {
    if (this.readyState === OPEN) this.readyState = CLOSING;
  }

  /**
   * "The WebSocket connection is closed": CLOSED; error if the connection was failed (or lost
   * without a Close frame); then close with the code received (RFC 6455 §7.1.5: 1005 for a
   * frame without one, 1006 when none came), even when TCP was then reset.
   */
  connectionClosed(report: CloseReport): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.stopSending();
    this.inbox.clear();
    this.transport = null;
    const failure = this.failure || report.failure || null;
    let code = failure ? undefined : report.code;
    let reason = failure ? '' : report.reason;
    let wasClean = !failure && report.wasClean;
    // Engines report 0, undefined or 1006 as placeholders (SPEC §2 "normalized").
    if (code === undefined || code === 0 || code === 1006 || code !== code) {
      if (wasClean) code = 1005;
      else {
        code = 1006;
        reason = '';
      }
    }
    if (failure || code === 1006) this.fireError(failure);
    if (code === 1006) wasClean = false;
    this.host.fire(new this.host.events.CloseEvent('close', { wasClean: wasClean, code: code, reason: reason }));
  }

  /**
   * The error event, shaped as Node's own ErrorEvent: `message` (the engine's reason, '' when it
   * gave none) and `error` (the engine's Error, else undefined).
   */
  private fireError(failure: Failure | null): void {
    const ev = new this.host.events.Event('error');
    try {
      Object.defineProperty(ev, 'message', { value: failure ? failure.message : '', enumerable: true, configurable: true });
      Object.defineProperty(ev, 'error', { value: failure ? failure.error : undefined, enumerable: true, configurable: true });
    } catch (e) {
      // An engine whose events cannot take properties: the event without details.
    }
    this.host.fire(ev);
  }

  // ---------------------------------------------------------------------------
  // User inputs (after the public method's conversion and checks).

  /**
   * Reads what the engine knows and has no event for (browsers, undici): its readyState
   * CLOSING while this machine is OPEN means the peer's Close frame arrived.
   */
  observe(): void {
    if (this.readyState === OPEN && this.transport && this.transport.peerClosing()) this.inbox.closing();
  }

  /** close() steps 3–5, after validation. */
  close(req: CloseRequest): void {
    this.observe();
    if (this.readyState === CLOSING || this.readyState === CLOSED) return;
    if (this.readyState === CONNECTING) this.failConnection();
    else this.startClosingHandshake(req);
  }

  /** send() from OPEN on (the public method threw for CONNECTING). */
  send(d: SendData): void {
    // The common path: OPEN, nothing queued, nothing to convert → straight to the engine.
    const q = this.sendQueue;
    if (this.readyState === OPEN && (q ? q.canBypass(d.kind === 'blob') : (d.kind !== 'blob' || this.backend.canSendBlob) && !this.sendingStopped())) {
      try {
        this.transport!.send(d.payload);
        if (d.kind === 'text') (this.inTaskText || (this.inTaskText = [])).push(d.payload as string);
        else this.inTaskBytes += sizeOf(d);
        if (!this.inTaskCounted) {
          this.inTaskCounted = true;
          const self = this;
          setTimeout(function () {
            self.inTaskCounted = false;
            self.inTaskBytes = 0;
            self.inTaskText = null;
          }, 0);
        }
      } catch (e) {
        // No exception from send() while OPEN (the Standard has none): the connection fails,
        // and the bytes that never reached the network stay counted.
        this.unsent += sizeOf(d);
        this.failConnection(failureOf(e));
      }
      return;
    }
    const size = sizeOf(d);
    // CLOSING or CLOSED (or the engine already gone): no exception; bufferedAmount grows by
    // the payload size, no framing, and never goes back down.
    if (this.readyState !== OPEN || this.sendingStopped()) {
      this.unsent += size;
      return;
    }
    // Waiting behind a Blob: a copy of the bytes as they are now, so a buffer reused right
    // after send() does not change what is sent (strings and Blobs are immutable).
    const payload = d.kind === 'binary' ? copyBytes(d.payload as ArrayBuffer | ArrayBufferView) : d.payload;
    (q || (this.sendQueue = new SendQueue(this))).push(payload, size, d.kind === 'blob');
  }

  /**
   * Bytes the shim holds + bytes the engine holds (frozen once closed; at least what was handed
   * to it in this task) + bytes never to be sent.
   */
  bufferedAmount(): number {
    let engine = this.engineFinal !== null ? this.engineFinal : this.transport ? this.transport.bufferedAmount() : 0;
    if (this.inTaskCounted && this.engineFinal === null) {
      const text = this.inTaskText;
      if (text) {
        // Counted once: a loop that reads bufferedAmount after each send() stays linear.
        for (let i = 0; i < text.length; i++) this.inTaskBytes += utf8ByteLength(text[i]);
        this.inTaskText = null;
      }
      if (this.inTaskBytes > engine) engine = this.inTaskBytes;
    }
    return (this.sendQueue ? this.sendQueue.bytes : 0) + engine + this.unsent;
  }
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
