/**
 * The small internal interface every engine family is turned into (SPEC §6).
 * Spec semantics live in the WebSocket class; engine quirks live in the transports.
 */
import { Outgoing } from '../send-queue';

export interface TransportEvents {
  /** The handshake completed. */
  open(protocol: string, extensions: string): void;
  /** A message: text as a string, binary as an ArrayBuffer (or a Blob where the engine only gives Blobs). */
  message(data: string | ArrayBuffer | Blob): void;
  /**
   * The connection is closed; called exactly once. `code` is what the engine reported
   * (the class normalizes placeholders); `wasClean` false means the connection failed.
   */
  close(code: number | undefined, reason: string, wasClean: boolean): void;
}

export interface Transport {
  /** Sends an OPEN socket's data; the class never calls it in another state. */
  send(data: Outgoing): void;
  /** Starts the closing handshake with exactly these arguments (code absent: no body). */
  close(code?: number, reason?: string): void;
  /** Fails the connection (close() while CONNECTING, a Blob that cannot be read); no more events. */
  abort(): void;
  /** The engine's own count of bytes not yet sent. */
  bufferedAmount(): number;
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
  create(url: string, protocols: string[], options: unknown, events: TransportEvents): Transport;
}
