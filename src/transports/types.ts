/**
 * The small internal interface every engine family is turned into (SPEC §6).
 * Spec semantics live in the socket's state machine (src/socket-core.ts); engine quirks live
 * in the transports. A transport reports every engine transition through TransportEvents and
 * maps every engine exception where it happens.
 */
import { Outgoing } from '../send-queue';

/** How the engine says the connection ended. */
export interface CloseReport {
  /**
   * The status code of the Close frame the engine received (RFC 6455 §7.1.5; 1005 for a frame
   * without one), or undefined when none was received or the engine cannot tell (1006).
   */
  code: number | undefined;
  reason: string;
  /** The closing handshake completed and TCP closed after it (RFC 6455 §7.1.4). */
  wasClean: boolean;
  /**
   * Present when the engine failed the connection ("fail the WebSocket connection": a refused
   * connection, a bad handshake, a protocol error): what it reported (an Error, ECONNREFUSED,
   * "Unexpected server response: 401"). The error event carries it.
   */
  failure?: Failure;
}

/** Details of a failure, for the error event (as Node's own ErrorEvent: `message`, `error`). */
export interface Failure {
  error: unknown;
  message: string;
}

export interface TransportEvents {
  /** The handshake completed. */
  open(protocol: string, extensions: string): void;
  /**
   * A message: text as a string, binary as an ArrayBuffer (or a Blob where the engine only gives
   * Blobs). `engineEvent`, where the transport has it: the engine's own MessageEvent carrying
   * exactly `data`, not dispatched anywhere, which the class may dispatch instead of a new one.
   */
  message(data: string | ArrayBuffer | Blob, engineEvent?: any): void;
  /** The peer's Close frame arrived: "the WebSocket closing handshake is started". */
  closing(): void;
  /** The connection is closed; called exactly once. */
  close(report: CloseReport): void;
}

export interface Transport {
  /** Sends an OPEN socket's data; the class never calls it in another state. May throw (mapped). */
  send(data: Outgoing): void;
  /** Starts the closing handshake with exactly these arguments (code absent: no body). May throw (mapped). */
  close(code?: number, reason?: string): void;
  /**
   * Fails the connection (close() while CONNECTING, a Blob that cannot be read, an engine that
   * threw): drops TCP where the engine can (ws terminate()), else closes; no more events. Never throws.
   */
  abort(): void;
  /** The engine's own count of bytes not yet sent. */
  bufferedAmount(): number;
  /**
   * Whether the engine's readyState says the closing handshake started (CLOSING or CLOSED) when
   * it has no event for it (browsers, undici): read by the state machine on every access.
   */
  peerClosing(): boolean;
  /** The socket's binaryType changed: engines that make the Blobs follow it (React Native). */
  binaryType?(type: 'blob' | 'arraybuffer'): void;
}

export interface Backend {
  /** 'browser' | 'node-builtin' | 'ws' | a profile name. */
  name: string;
  /** The native constructor this backend wraps. */
  native: any;
  /** Whether `send(blob)` may be handed to the engine as it is. */
  canSendBlob: boolean;
  /** Whether any ArrayBufferView may be handed over as it is (else a Uint8Array of its bytes). */
  sendsViews: boolean;
  /** Engine behaviours this backend works around, named after the engine bug (detect()). */
  quirks: string[];
  /** What the engine cannot do, which the shim cannot work around (detect().unsupported). */
  unsupported?: string[];
  /** false: the engine has no binary frames (hixie-76, Gecko 6–10); binary send() throws NotSupportedError. */
  sendsBinary?: boolean;
  /** false: the engine's close() takes no arguments (hixie-76, Gecko 6/7); see the class's close(). */
  closeTakesArguments?: boolean;
  /**
   * true: the engine encodes a string it is given as its USVString would be, every unpaired
   * surrogate as U+FFFD (Node's UTF-8 encoder, under `ws` and undici), so standard mode hands
   * strings over unconverted: the same bytes on the wire without a second pass over the string.
   */
  encodesUSV?: boolean;
  create(url: string, protocols: string[], options: unknown, events: TransportEvents): Transport;
}
