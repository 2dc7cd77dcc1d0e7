/**
 * Blob reading and making (SPEC §2 send / binaryType; QUIRKS §3–§4).
 * Reading: `Blob#arrayBuffer` where it exists with Promise, else FileReader (IE10/11,
 * Safari < 14, old Gecko). Making: the global Blob, else a Blob class a backend supplies
 * (Node 14.18/15.7+ `require('buffer').Blob`), else none (see `canMakeBlob`).
 */
import { getGlobal, isArrayBufferTagged } from './global';
import { reportError } from './report-error';

let extraBlob: any = null;

/** Node entry: the runtime's `buffer.Blob` where there is no global one. */
export function setFallbackBlob(Ctor: any): void {
  extraBlob = Ctor;
}

export function blobConstructor(): any {
  const g = getGlobal();
  return typeof g.Blob === 'function' ? g.Blob : extraBlob;
}

/**
 * A Blob of `data`, or null where the engine cannot make one from bytes: no Blob class, or one
 * that refuses bytes (React Native's BlobManager throws "Creating blobs from 'ArrayBuffer' and
 * 'ArrayBufferView' are not supported"). The message is then delivered as the ArrayBuffer,
 * never dropped; detect().unsupported says so.
 */
export function makeBlob(data: ArrayBuffer): any {
  const B = blobConstructor();
  if (!B) return null;
  try {
    return new B([data]);
  } catch (e) {
    return null;
  }
}

/** Whether the engine's Blob class takes bytes (probed once by detect(); React Native's does not). */
export function blobTakesBytes(): boolean {
  const B = blobConstructor();
  if (!B) return false;
  try {
    new B([new Uint8Array(1)]);
    return true;
  } catch (e) {
    return false;
  }
}

export type ReadCallback = (error: unknown, result?: ArrayBuffer) => void;

/**
 * Reads a Blob into an ArrayBuffer and calls back exactly once, always asynchronously:
 * `Blob#arrayBuffer` where the Blob has it and the engine has Promise, else FileReader
 * (IE10/11, Safari < 14, Gecko < 69, engines without Promise). An exception thrown by
 * `done` is reported the way the host reports uncaught errors; it never becomes an
 * unhandled rejection or stops the reader.
 */
export function readBlob(blob: Blob, done: ReadCallback): void {
  const g = getGlobal();
  let called = false;
  const once: ReadCallback = function (err, res) {
    if (called) return;
    called = true;
    try {
      done(err, res);
    } catch (e) {
      reportError(e);
    }
  };
  const later = function (err: unknown): void {
    setTimeout(function () {
      once(err);
    }, 0);
  };
  if (typeof (blob as any).arrayBuffer === 'function' && typeof g.Promise === 'function') {
    let p: any;
    try {
      p = (blob as any).arrayBuffer();
    } catch (e) {
      later(e);
      return;
    }
    if (!p || typeof p.then !== 'function') {
      later(new TypeError('websocket-shim: Blob#arrayBuffer() did not return a promise'));
      return;
    }
    p.then(
      function (ab: ArrayBuffer) {
        if (isArrayBufferTagged(ab)) once(null, ab);
        else once(new TypeError('websocket-shim: Blob#arrayBuffer() did not give an ArrayBuffer'));
      },
      function (e: unknown) {
        once(e || new Error('Blob read failed'));
      }
    );
    return;
  }
  if (typeof g.FileReader === 'function') {
    let reader: any;
    try {
      reader = new g.FileReader();
      reader.onload = function () {
        const ab = reader.result;
        if (isArrayBufferTagged(ab)) once(null, ab);
        else once(new TypeError('websocket-shim: FileReader gave no ArrayBuffer'));
      };
      reader.onerror = reader.onabort = function () {
        once(reader.error || new Error('Blob read failed'));
      };
      reader.readAsArrayBuffer(blob);
    } catch (e) {
      // A FileReader that cannot read this Blob (another realm's, a closed File) throws.
      later(e);
    }
    return;
  }
  later(new Error('websocket-shim: this engine cannot read a Blob (no Blob#arrayBuffer, no FileReader)'));
}
