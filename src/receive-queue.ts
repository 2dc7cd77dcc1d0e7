/**
 * The inbox (WHATWG WebSockets "when a WebSocket message has been received", "the WebSocket
 * closing handshake is started", "the WebSocket connection is closed"; SPEC §2 binaryType): the
 * engine's inputs (TransportEvents) to one state machine, which the transport calls directly
 * (issue 13: no forwarding object per socket).
 * The Standard runs each of these as a task, in the order the engine saw them; the shim keeps
 * that order here, because one of them may have to wait: an engine's Blob that must be read
 * before it can be dispatched as an ArrayBuffer. Everything behind it (messages, the peer's
 * closing, the close) waits too. One entry per input, each with one state.
 */
import { readBlob } from './blob';
import { isArrayBuffer, isBlob } from './webidl';
import { CloseReport, TransportEvents } from './transports/types';

type Entry =
  /** `blob`: an engine's Blob; `data` is its bytes once read (state 'ready'). */
  | { kind: 'message'; data: any; blob: any; state: 'ready' | 'unread' | 'reading' | 'done' }
  | { kind: 'closing' }
  | { kind: 'close'; report: CloseReport };

export interface ReceiveSink {
  /** "When the WebSocket connection is established" (the engine's open; not queued: nothing precedes it). */
  connectionEstablished(protocol: string, extensions: string): void;
  /**
   * The engine closed: nothing more is handed to it. Returns whether its close still counts
   * (false once CLOSED or after the connection failed, whose own close comes).
   */
  acceptEngineClose(): boolean;
  /** Messages are received and dispatched only while OPEN (the Standard's step 1). */
  isOpen(): boolean;
  currentBinaryType(): string;
  /**
   * Dispatch a message: text, an ArrayBuffer, or an engine's Blob (binaryType 'blob'); with the
   * engine's own event for it when it came with one and is dispatched at once.
   */
  dispatchMessage(data: any, engineBlob: any, engineEvent?: any): void;
  /** "The WebSocket closing handshake is started". */
  closingHandshakeStarted(): void;
  /** "The WebSocket connection is closed". */
  connectionClosed(report: CloseReport): void;
  /** An engine's Blob cannot be read: the connection must fail (never a silent drop). */
  blobUnreadable(error: unknown): void;
}

const NO_ENTRIES: Entry[] = [];

export class ReceiveQueue implements TransportEvents {
  /** NO_ENTRIES (shared, never written) until something must wait: an idle socket has no array. */
  private entries: Entry[] = NO_ENTRIES;
  private draining = false;

  constructor(private sink: ReceiveSink) {}

  open(protocol: string, extensions: string): void {
    this.sink.connectionEstablished(protocol, extensions);
  }

  /**
   * "When a WebSocket message has been received" (only while OPEN). `engineEvent`: the engine's
   * own event for `data`, dispatched as it is on the immediate path.
   */
  message(data: any, engineEvent?: any): void {
    if (!this.sink.isOpen()) return;
    // Text and ArrayBuffers (what nearly every engine gives) are told apart without a Blob
    // brand check, which throws for them; an ArrayBuffer of this realm by instanceof first.
    const blob = typeof data !== 'string' && !(typeof ArrayBuffer !== 'undefined' && data instanceof ArrayBuffer) && !isArrayBuffer(data) && isBlob(data);
    if (!blob && this.entries.length === 0 && !this.draining) {
      // The common path: nothing waits ahead of it (and OPEN, just checked), so it is dispatched
      // now, as drain() would, without an entry. Inputs that arrive during its dispatch queue
      // behind it.
      this.draining = true;
      try {
        this.sink.dispatchMessage(data, null, engineEvent);
      } finally {
        this.draining = false;
      }
      if (this.entries.length) this.drain();
      return;
    }
    const entry: Entry = { kind: 'message', data: blob ? null : data, blob: blob ? data : null, state: blob ? 'unread' : 'ready' };
    this.add(entry);
    // Read at once when 'arraybuffer' is wanted now, so that reads overlap.
    if (blob && this.sink.currentBinaryType() === 'arraybuffer') this.read(entry);
    this.drain();
  }

  /** The peer's Close frame (only while OPEN). */
  closing(): void {
    if (!this.sink.isOpen()) return;
    this.add({ kind: 'closing' });
    this.drain();
  }

  /** The engine closed: messages it gave before come first (one being read holds them). */
  close(report: CloseReport): void {
    if (!this.sink.acceptEngineClose()) return;
    this.add({ kind: 'close', report: report });
    this.drain();
  }

  private add(entry: Entry): void {
    if (this.entries === NO_ENTRIES) this.entries = [];
    this.entries.push(entry);
  }

  /** The connection failed: nothing queued is delivered. */
  clear(): void {
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e.kind === 'message') {
        e.state = 'done';
        e.data = e.blob = null;
      }
    }
    this.entries = NO_ENTRIES;
  }

  private read(entry: Entry & { kind: 'message' }): void {
    if (entry.state !== 'unread') return;
    entry.state = 'reading';
    const self = this;
    readBlob(entry.blob, function (err, ab) {
      if (entry.state !== 'reading') return; // delivered as the Blob it was, or cleared
      if (err) {
        self.sink.blobUnreadable(err);
        return;
      }
      entry.data = ab;
      entry.state = 'ready';
      self.drain();
    });
  }

  /** Runs the entries at the head, in order, until one must wait. Re-entrant calls only queue. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.entries.length) {
        const e = this.entries[0];
        if (e.kind === 'message' && e.state !== 'ready' && this.sink.isOpen() && this.sink.currentBinaryType() !== 'blob') {
          // An engine's Blob at the head, wanted as an ArrayBuffer: read it first.
          this.read(e);
          return;
        }
        this.entries.shift();
        if (e.kind === 'message') this.deliver(e);
        else if (e.kind === 'closing') this.sink.closingHandshakeStarted();
        else this.sink.connectionClosed(e.report);
      }
    } finally {
      this.draining = false;
    }
  }

  private deliver(e: Entry & { kind: 'message' }): void {
    const ready = e.state === 'ready';
    e.state = 'done';
    if (!this.sink.isOpen()) return;
    this.sink.dispatchMessage(ready ? e.data : null, e.blob);
  }
}
