/**
 * The ordered send queue (SPEC §2 send/close; QUIRKS §3, §9). Data that must be
 * converted before the engine can take it (a Blob the engine cannot send) waits here, and
 * everything sent after it waits behind it, so the engine sees data in call order. When
 * the queue is empty and nothing needs converting, data goes straight to the engine.
 */
import { readBlob } from './blob';

export type Outgoing = string | ArrayBuffer | ArrayBufferView | Blob;

interface Item {
  data: Outgoing | null;
  /** Bytes this item counts in bufferedAmount until it is handed over. */
  size: number;
  pending: boolean;
  /** The Blob read failed: the connection fails when this item reaches the head. */
  error?: unknown;
}

export interface QueueSink {
  /** Hand data to the engine. */
  write(data: Outgoing): void;
  /** Whether the engine can take this Blob as it is. */
  canSendBlob: boolean;
  /**
   * The connection must fail: a Blob could not be read, or the engine threw while taking
   * queued data (or the close that waited for it). Called at most once; the queue is dead.
   */
  fail(error: unknown): void;
}

const NO_ITEMS: Item[] = [];

export class SendQueue {
  /** NO_ITEMS (shared, never written) until something must wait: an idle socket has no array. */
  private items: Item[] = NO_ITEMS;
  /**
   * The first item not yet handed over: items before it are done. An index, not shift(): a
   * shift per item made a queue of n Blobs cost O(n²) (issue 13: 100,000 Blobs of 64 B went at
   * 0.08 of the native's rate, 8 s of 10 in flush()).
   */
  private head = 0;
  private held = 0;
  private drained: (() => void) | null = null;
  private dead = false;

  constructor(private sink: QueueSink) {}

  /** Bytes held here, not yet handed to the engine. */
  get bytes(): number {
    return this.held;
  }

  get empty(): boolean {
    return this.head === this.items.length;
  }

  /** The connection failed or closed: nothing more is handed to the engine. */
  get stopped(): boolean {
    return this.dead;
  }

  /** Whether data may go straight to the engine: nothing queued and nothing to convert. */
  canBypass(isBlob: boolean): boolean {
    return this.head === this.items.length && !this.dead && !(isBlob && !this.sink.canSendBlob);
  }

  push(data: Outgoing, size: number, isBlob: boolean): void {
    if (this.dead) return;
    const needsRead = isBlob && !this.sink.canSendBlob;
    if (this.head === this.items.length && !needsRead) {
      // The common path: nothing ahead, nothing to convert.
      this.sink.write(data);
      return;
    }
    const item: Item = { data: needsRead ? null : data, size: size, pending: needsRead };
    if (this.items === NO_ITEMS) this.items = [];
    this.items.push(item);
    this.held += size;
    if (needsRead) {
      const self = this;
      readBlob(data as Blob, function (err, ab) {
        if (self.dead) return;
        // A failed read fails the connection in call order: what was sent before this Blob is
        // handed over first (as an engine reading Blobs one by one would do).
        if (err) item.error = err;
        else item.data = ab!;
        item.pending = false;
        self.flush();
      });
    }
  }

  /**
   * Calls `fn` once everything queued has been handed to the engine: at once (synchronously,
   * so its exceptions reach the caller) if nothing is queued, else after the last item.
   */
  whenDrained(fn: () => void): void {
    if (this.head === this.items.length) fn();
    else this.drained = fn;
  }

  /**
   * The connection is gone: stop. What is still queued stays counted in bufferedAmount (SPEC
   * §2: it never goes down), but its payloads are let go: a closed socket that is still
   * referenced keeps no copies of them (issue 10, item 8).
   */
  stop(): void {
    this.dead = true;
    this.drained = null;
    for (let i = this.head; i < this.items.length; i++) this.items[i].data = null;
    this.items = NO_ITEMS;
    this.head = 0;
  }

  /**
   * Hands over everything ready at the head, in order, then runs the waiting close. Runs in a
   * Blob read's callback (a promise reaction or a FileReader event), where an exception would
   * become an unhandled rejection or be lost: an engine that throws fails the connection
   * instead, as does a Blob whose read failed when it reaches the head. The item it stopped
   * on stays counted (it never reached the network).
   */
  private flush(): void {
    try {
      const items = this.items;
      while (this.head < items.length && !items[this.head].pending && !this.dead) {
        const item = items[this.head];
        if (item.error !== undefined) throw item.error;
        this.sink.write(item.data!);
        // The engine may have failed the connection while taking it (stop(): a new array).
        if (this.items === items) this.head++;
        this.held -= item.size;
        item.data = null;
      }
      if (this.head === this.items.length) {
        // All handed over: back to no array.
        this.items = NO_ITEMS;
        this.head = 0;
      } else if (this.head > 64 && this.head * 2 > this.items.length) {
        // Most of the array is handed over: drop that part (each item is copied O(1) times).
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      if (this.head === this.items.length && this.drained && !this.dead) {
        const fn = this.drained;
        this.drained = null;
        fn();
      }
    } catch (e) {
      if (this.dead) return;
      this.dead = true;
      this.drained = null;
      this.sink.fail(e);
    }
  }
}
