/**
 * Blob reading and making (SPEC §2 send / binaryType; QUIRKS §3–§4).
 * Reading: `Blob#arrayBuffer` where it exists with Promise, else FileReader (IE10/11,
 * Safari < 14, old Gecko). Making: the global Blob, else a Blob class a backend supplies
 * (Node 14.18/15.7+ `require('buffer').Blob`), else none (see `canMakeBlob`).
 */
import { getGlobal } from './global';

let extraBlob: any = null;

/** Node entry: the runtime's `buffer.Blob` where there is no global one. */
export function setFallbackBlob(Ctor: any): void {
  extraBlob = Ctor;
}

export function blobConstructor(): any {
  const g = getGlobal();
  return typeof g.Blob === 'function' ? g.Blob : extraBlob;
}

export function makeBlob(data: ArrayBuffer): any {
  const B = blobConstructor();
  return B ? new B([data]) : null;
}

export type ReadCallback = (error: unknown, result?: ArrayBuffer) => void;

/** Reads a Blob into an ArrayBuffer and calls back once (always asynchronously). */
export function readBlob(blob: Blob, done: ReadCallback): void {
  const g = getGlobal();
  let called = false;
  const once: ReadCallback = function (err, res) {
    if (called) return;
    called = true;
    done(err, res);
  };
  if (typeof (blob as any).arrayBuffer === 'function' && typeof g.Promise === 'function') {
    let p: any;
    try {
      p = (blob as any).arrayBuffer();
    } catch (e) {
      setTimeout(function () {
        once(e);
      }, 0);
      return;
    }
    p.then(
      function (ab: ArrayBuffer) {
        once(null, ab);
      },
      function (e: unknown) {
        once(e || new Error('Blob read failed'));
      }
    );
    return;
  }
  if (typeof g.FileReader === 'function') {
    const reader = new g.FileReader();
    reader.onload = function () {
      once(null, reader.result);
    };
    reader.onerror = reader.onabort = function () {
      once(reader.error || new Error('Blob read failed'));
    };
    reader.readAsArrayBuffer(blob);
    return;
  }
  setTimeout(function () {
    once(new Error('websocket-shim: this engine cannot read a Blob (no Blob#arrayBuffer, no FileReader)'));
  }, 0);
}
