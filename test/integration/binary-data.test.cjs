// Binary data on the backend under test (WS_SHIM_BACKEND: ws, ws 7, Node's built-in): every
// data type byte-exact with the right frame type, the ordered send queue (Blobs are read by
// the shim: ws < 8.18 cannot send them, undici loses them on close — QUIRKS §3, §9), data
// snapshotted at send(), binaryType at dispatch time, the bufferedAmount model, failures
// (an unreadable Blob, an engine that throws) and two 10,000-message soaks.
// The suite itself: test/support/binary-suite.cjs.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  BACKEND, G, Blob, NO_BLOB_REASON, classFor, nativeCtor, shim, startServer, skipBecause
} = require('../support/integration-helpers.cjs');
const { defineBinarySuite, realmKit } = require('../support/binary-suite.cjs');

/** Every error the process reports as uncaught while the suite runs (none expected). */
const reported = [];
function onUncaught(e) {
  reported.push(e);
}

/** The native engine, throwing on send(ArrayBuffer of 4093 bytes) and on close(code, 'engine-throws'). */
function throwingNative(Native) {
  class ThrowingEngine extends Native {
    send(data) {
      if (data && typeof data === 'object' && data.byteLength === 4093) throw new Error('engine failure on send (test)');
      return super.send.apply(this, arguments);
    }
    close(code, reason) {
      if (reason === 'engine-throws') throw new Error('engine failure on close (test)');
      return super.close.apply(this, arguments);
    }
  }
  return ThrowingEngine;
}
const throwingClasses = {};

/** A Blob whose read fails: a file-backed Blob whose file changed (fs.openAsBlob, Node 19.8+), else a Blob whose arrayBuffer() rejects. */
async function unreadableBlob(bytes) {
  if (!Blob) return null;
  if (typeof fs.openAsBlob === 'function') {
    const file = path.join(os.tmpdir(), 'ws-shim-blob-' + process.pid + '-' + Date.now() + '.bin');
    fs.writeFileSync(file, bytes);
    const b = await fs.openAsBlob(file);
    fs.writeFileSync(file, Buffer.concat([bytes, bytes])); // NotReadableError from now on
    setTimeout(() => {
      try {
        fs.unlinkSync(file);
      } catch (e) {
        // gone
      }
    }, 2000);
    return b;
  }
  class UnreadableBlob extends Blob {
    arrayBuffer() {
      const e = new Error('The requested file could not be read');
      e.name = 'NotReadableError';
      return Promise.reject(e);
    }
  }
  return new UnreadableBlob([bytes]);
}

describe('binary-data [' + BACKEND + ']', function () {
  before(function () {
    process.on('uncaughtException', onUncaught);
  });
  after(function () {
    process.removeListener('uncaughtException', onUncaught);
  });

  defineBinarySuite({
    label: BACKEND,
    modes: ['strict', 'standard'],
    classFor: classFor,
    kit: realmKit(G, Blob),
    isBlob: (v) => !!Blob && v instanceof Blob,
    blobBytes: (b) => b.arrayBuffer().then((ab) => Buffer.from(ab)),
    withBuffer: true,
    // ws's own bufferedAmount is its socket's buffer: payload plus frame headers (QUIRKS §3).
    engineFraming: BACKEND !== 'builtin',
    unreadableBlob: unreadableBlob,
    throwingClass: function (mode) {
      if (!throwingClasses[mode]) {
        throwingClasses[mode] = shim.createWebSocketClass({ mode: mode, native: throwingNative(nativeCtor()) });
      }
      return throwingClasses[mode];
    },
    uncaught: () => reported.slice(),
    detect: () => shim.detect(),
    server: startServer,
    // Every test this skips needs a Blob: the runtime has none (Node < 14.18).
    skip: function (ctx) {
      skipBecause(ctx, NO_BLOB_REASON);
    }
  });
});
